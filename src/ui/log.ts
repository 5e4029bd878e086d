// The extension's log channel. Request lines hold method, path, status, time and retry count; never
// headers, query strings or the key.
import * as vscode from 'vscode';
import type { RequestLogEntry } from '../api/client';

export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  /** Lines written this session, kept for the leak test and "copy log"; bounded. */
  readonly lines: string[] = [];

  constructor(name = 'LlamaCloud Classify') { // the channel's name, like the category: a product name, not translated
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  request(e: RequestLogEntry): void {
    const status = e.status !== undefined ? String(e.status) : e.outcome;
    const line = `${e.method} ${e.path} → ${status} in ${e.ms} ms${e.retry ? ` (retry ${e.retry})` : ''}${e.note ? ` — ${e.note}` : ''}`;
    if (e.outcome === 'ok') { this.info(line); }
    else { this.warn(line); }
  }

  info(message: string): void {
    this.remember(message);
    this.channel.info(message);
  }

  warn(message: string): void {
    this.remember(message);
    this.channel.warn(message);
  }

  error(message: string): void {
    this.remember(message);
    this.channel.error(message);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private remember(line: string) {
    this.lines.push(line);
    if (this.lines.length > 2000) { this.lines.splice(0, this.lines.length - 2000); }
  }
}
