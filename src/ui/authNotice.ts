// The one notification about a rejected key (401): shown once however many requests fail, never
// awaited, and closed as soon as a new key is set — a stale "key rejected" warning must not stay on
// screen beside a key that works. The tree's "Set API key…" rows carry the same state meanwhile.
import { Commands } from '../constants';
import type { Notice, Ui } from './prompts';

export class AuthNotice {
  private open: Notice | undefined;

  /** `actionTitle`: the link's text, translated by the caller (this file imports no vscode: unit-tested in plain Node). */
  constructor(
    private readonly ui: () => Ui,
    private readonly actionTitle = 'Set API Key…',
  ) {}

  get isOpen(): boolean {
    return !!this.open;
  }

  show(reason: string): void {
    if (this.open) { return; }
    this.open = this.ui().notice(reason, { title: this.actionTitle, command: Commands.setApiKey });
  }

  /** The key changed: close the notice, so the next failure is reported afresh. */
  reset(): void {
    this.open?.close();
    this.open = undefined;
  }
}
