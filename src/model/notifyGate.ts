// At most one notification per topic per cooldown, so a 401 on every request never becomes a toast
// storm or a prompt loop (GitHub PR #8784: users uninstalled over a prompt every 2 minutes).

export class NotifyGate {
  private last = new Map<string, number>();
  private open = new Set<string>();

  constructor(private readonly cooldownMs = 60_000, private readonly now: () => number = Date.now) {}

  /** Runs `show` unless the same topic is showing or was shown within the cooldown. */
  async notify<T>(topic: string, show: () => Thenable<T> | Promise<T>): Promise<T | undefined> {
    const t = this.now();
    if (this.open.has(topic)) return undefined;
    const last = this.last.get(topic);
    if (last !== undefined && t - last < this.cooldownMs) return undefined;
    this.last.set(topic, t);
    this.open.add(topic);
    try {
      return await show();
    } finally {
      this.open.delete(topic);
    }
  }

  /** Forget a topic, e.g. after a new key is set, so the next failure is reported. */
  reset(topic: string): void {
    this.last.delete(topic);
  }
}
