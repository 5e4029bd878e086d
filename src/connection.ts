// Builds the client's configuration per request from settings and the key store, and asks before a
// key would travel over plain HTTP to a host that is not this machine.
import * as vscode from 'vscode';
import type { ClientConfig } from './api/client';
import { isInsecureBaseUrl } from './api/config';
import { LlamaCloudError } from './api/errors';
import type { ApiKeyStore } from './auth/apiKeyStore';
import { readSettings } from './settings';
import type { Ui } from './ui/prompts';

export class Connection {
  /** One question per insecure base URL per session; concurrent requests share it. */
  private insecureAnswers = new Map<string, Promise<boolean>>();

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly ui: () => Ui,
    private readonly userAgent: string,
  ) {}

  async config(): Promise<ClientConfig> {
    const st = readSettings();
    if (!st.endpoint.ok) throw new LlamaCloudError({ kind: 'config', message: st.endpoint.message });
    const baseUrl = st.endpoint.baseUrl;
    const apiKey = await this.keys.get();
    if (apiKey && isInsecureBaseUrl(baseUrl)) {
      let answer = this.insecureAnswers.get(baseUrl);
      if (!answer) {
        answer = this.ui().confirm(
          `Send your LlamaCloud API key over plain HTTP to ${new URL(baseUrl).host}?`,
          'The base URL does not use https://, so the key and the results would cross the network unencrypted. Use an https:// URL unless you trust every network in between.',
          'Send Anyway',
        );
        this.insecureAnswers.set(baseUrl, answer);
      }
      if (!(await answer)) {
        throw new LlamaCloudError({
          kind: 'config',
          message: `Requests to ${baseUrl} were not sent because they would carry your API key unencrypted. Set “llamaClassify.baseUrl” to an https:// URL.`,
        });
      }
    }
    return {
      baseUrl,
      apiKey,
      organizationId: st.organizationId,
      projectId: st.projectId,
      timeoutMs: st.timeoutMs,
      userAgent: this.userAgent,
    };
  }

  /** Settings changed: ask again about an insecure URL. */
  reset(): void {
    this.insecureAnswers.clear();
  }
}

export function userAgent(version: string): string {
  return `llamacloud-classify-results/${version} (VS Code ${vscode.version})`;
}
