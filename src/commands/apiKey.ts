import { SecretStorageError } from '../auth/apiKeyStore';
import { refreshAll } from '../jobActions';
import type { Services } from '../services';

/** `llamaClassify.setApiKey`: password box → SecretStorage (or this session only) → one request to check it. */
export async function setApiKey(s: Services): Promise<void> {
  const key = await s.ui.inputApiKey();
  if (!key) return;
  try {
    await s.keys.set(key);
  } catch (err) {
    if (!(err instanceof SecretStorageError)) throw err;
    s.log.error(err.message);
    const choice = await s.ui.warn(`${err.message} Use the key for this session only? It will be forgotten when the window closes.`, 'Use for This Session');
    if (choice !== 'Use for This Session') return;
    s.keys.setForSession(key);
  }
  s.authGate.reset('auth');
  s.log.info(`API key set (${s.keys.source === 'session' ? 'this session only' : 'secret storage'}).`);
  await Promise.all([checkKey(s), refreshAll(s)]);
}

async function checkKey(s: Services): Promise<void> {
  try {
    await s.client.listJobs({ pageSize: 1 });
    await s.ui.info('LlamaCloud API key saved. It works.');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await s.ui.warn(`LlamaCloud API key saved, but checking it failed: ${message}`);
  }
}

/** `llamaClassify.clearApiKey`. */
export async function clearApiKey(s: Services): Promise<void> {
  try {
    await s.keys.clear();
  } catch (err) {
    await s.ui.error(err instanceof Error ? err.message : String(err));
    return;
  }
  const fallback = s.keys.source === 'environment' ? ' LLAMA_CLOUD_API_KEY from the environment is still used.' : '';
  s.log.info('API key cleared.');
  await s.ui.info(`LlamaCloud API key removed.${fallback}`);
}
