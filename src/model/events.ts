// A minimal event emitter with the shape of vscode.Event, so the model stays free of `vscode`.

export type Listener<T> = (value: T) => void;
export interface Disposable {
  dispose(): void;
}
export type Event<T> = (listener: Listener<T>) => Disposable;

export class Emitter<T> {
  private listeners = new Set<Listener<T>>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) { listener(value); }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
