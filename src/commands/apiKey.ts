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
    const choice = await d.ui().warn(`${err.message} Use the key for this session only? It will be forgotten when the window closes.`, 'Use for This Session');
    if (choice !== 'Use for This Session') { return; }
    d.keys.setForSession(key);
  }
  const where = d.keys.source === 'session' ? 'kept for this session only (not saved: it is forgotten when the window closes)' : 'saved in VS Code’s secret storage';
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
    void d.ui().info(`LlamaCloud API key ${where}. It works.`);
  } catch (err) {
    d.log.warn(`Checking the new API key failed: ${errorMessage(err)}`);
    // Short, so the whole sentence and its "Set API Key…" link fit the notification; details are in the tree and the log.
    if (isAuthError(err)) {d.authNotice.show(`API key ${d.keys.source === 'session' ? 'kept for this session' : 'saved'}, but LlamaCloud rejected it (401).`);}
    else {void d.ui().warn(`LlamaCloud API key ${where}, but checking it failed: ${errorMessage(err)}`);}
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
  const fallback = d.keys.source === 'environment' ? ' LLAMA_CLOUD_API_KEY from the environment is still used.' : '';
  d.log.info('API key cleared.');
  void d.ui().info(`LlamaCloud API key removed.${fallback}`);
}
