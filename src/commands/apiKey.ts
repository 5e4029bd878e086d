import * as vscode from 'vscode';
import { errorMessage, isAuthError } from '../api/errors';
import { SecretStorageError } from '../auth/apiKeyStore';
import type { CommandDeps } from './deps';

/**
 * `llamaClassify.setApiKey`: password box → SecretStorage (or this session only) → one request to
 * check it. Reloading the jobs is not done here: the key store's change event runs the one reload
 * path (extension.ts), so a new key reloads each job once.
 */
export async function setApiKey(d: CommandDeps): Promise<void> {
  const key = await d.ui().inputApiKey();
  if (!key) { return; }
  try {
    await d.keys.set(key);
  } catch (err) {
    if (!(err instanceof SecretStorageError)) { throw err; }
    d.log.error(err.message);
    const useForSession = vscode.l10n.t('Use for This Session');
    const choice = await d.ui().warn(vscode.l10n.t('{0} Use the key for this session only? It will be forgotten when the window closes.', err.message), useForSession);
    if (choice !== useForSession) { return; }
    d.keys.setForSession(key);
  }
  const where =
    d.keys.source === 'session'
      ? vscode.l10n.t('kept for this session only (not saved: it is forgotten when the window closes)')
      : vscode.l10n.t('saved in VS Code’s secret storage');
  d.log.info(`API key set (${d.keys.source === 'session' ? 'this session only' : 'secret storage'}).`);
  await checkKey(d, where);
}

/**
 * One cheap request with the new key; the answer is shown, never awaited. A rejected key goes to the
 * closable auth notice, so it disappears as soon as a key that works is set.
 */
async function checkKey(d: CommandDeps, where: string): Promise<void> {
  try {
    await d.client.listJobs({ pageSize: 1 });
    void d.ui().info(vscode.l10n.t('LlamaCloud API key {0}. It works.', where));
  } catch (err) {
    d.log.warn(`Checking the new API key failed: ${errorMessage(err)}`);
    // Short, so the whole sentence and its "Set API Key…" link fit the notification; details are in the tree and the log.
    if (isAuthError(err)) {
      d.authNotice.show(
        d.keys.source === 'session'
          ? vscode.l10n.t('API key kept for this session, but LlamaCloud rejected it (401).')
          : vscode.l10n.t('API key saved, but LlamaCloud rejected it (401).'),
      );
    } else {
      void d.ui().warn(vscode.l10n.t('LlamaCloud API key {0}, but checking it failed: {1}', where, errorMessage(err)));
    }
  }
}

/** `llamaClassify.clearApiKey`. */
export async function clearApiKey(d: CommandDeps): Promise<void> {
  try {
    await d.keys.clear();
  } catch (err) {
    void d.ui().error(errorMessage(err));
    return;
  }
  d.log.info('API key cleared.');
  void d.ui().info(
    d.keys.source === 'environment'
      ? vscode.l10n.t('LlamaCloud API key removed. LLAMA_CLOUD_API_KEY from the environment is still used.')
      : vscode.l10n.t('LlamaCloud API key removed.'),
  );
}
