// The API key: SecretStorage first, then a key kept for this session only (when the keychain fails
// and the user chose it), then LLAMA_CLOUD_API_KEY as the official SDK reads it. Never settings.
import * as vscode from 'vscode';
import { errorMessage } from '../api/errors';

const SECRET_KEY = 'llamaClassify.apiKey';

export type KeySource = 'secretStorage' | 'session' | 'environment';

export class SecretStorageError extends Error {
  constructor(action: 'read' | 'save' | 'delete', cause: unknown) {
    super(
      // one whole sentence per action, so a translation can word each its own way
      {
        read: vscode.l10n.t('VS Code could not read the key in its secret storage ({0}). On Linux this usually means no keyring is available.', errorMessage(cause)),
        save: vscode.l10n.t('VS Code could not save the key in its secret storage ({0}). On Linux this usually means no keyring is available.', errorMessage(cause)),
        delete: vscode.l10n.t('VS Code could not delete the key in its secret storage ({0}). On Linux this usually means no keyring is available.', errorMessage(cause)),
      }[action],
    );
    this.name = 'SecretStorageError';
  }
}

export class ApiKeyStore implements vscode.Disposable {
  private cached: string | undefined;
  private cachedSource: KeySource | undefined;
  private sessionKey: string | undefined;
  private loaded: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the effective key changes (from this window or another), and when a person sets a key. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  lastReadError: SecretStorageError | undefined;

  constructor(private readonly secrets: vscode.SecretStorage, private readonly env: NodeJS.ProcessEnv = process.env) {
    // May fire only in other windows than the one that stored, and sometimes without a change: compare first.
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_KEY) { void this.reload(); }
    });
  }

  /** The key to send, or undefined. Reads SecretStorage once, then serves from memory. */
  async get(): Promise<string | undefined> {
    this.loaded ??= this.reload(false);
    await this.loaded;
    return this.cached;
  }

  get source(): KeySource | undefined {
    return this.cachedSource;
  }

  /**
   * Stores the key. Throws SecretStorageError when the keychain fails, so the caller can offer a
   * session-only key. Fires `onDidChange` even for the same key: a person setting a key expects the
   * jobs to be tried again with it.
   */
  async set(key: string): Promise<void> {
    try {
      await this.secrets.store(SECRET_KEY, key);
    } catch (err) {
      throw new SecretStorageError('save', err);
    }
    this.sessionKey = undefined;
    this.update(key, 'secretStorage', true, true);
  }

  /** Keeps the key in memory only, for this window's lifetime. */
  setForSession(key: string): void {
    this.sessionKey = key;
    this.update(key, 'session', true, true);
  }

  async clear(): Promise<void> {
    this.sessionKey = undefined;
    try {
      await this.secrets.delete(SECRET_KEY);
    } catch (err) {
      throw new SecretStorageError('delete', err);
    } finally {
      await this.reload();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async reload(fire = true): Promise<void> {
    let stored: string | undefined;
    try {
      stored = await this.secrets.get(SECRET_KEY);
      this.lastReadError = undefined;
    } catch (err) {
      this.lastReadError = new SecretStorageError('read', err);
    }
    const envKey = this.env.LLAMA_CLOUD_API_KEY?.trim() || undefined;
    if (stored) { this.update(stored, 'secretStorage', fire); }
    else if (this.sessionKey) { this.update(this.sessionKey, 'session', fire); }
    else if (envKey) { this.update(envKey, 'environment', fire); }
    else { this.update(undefined, undefined, fire); }
  }

  private update(key: string | undefined, source: KeySource | undefined, fire = true, always = false) {
    const changed = always || key !== this.cached;
    this.cached = key;
    this.cachedSource = source;
    this.loaded ??= Promise.resolve();
    if (changed && fire) { this.changed.fire(); }
  }
}
