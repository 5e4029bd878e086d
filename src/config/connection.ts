// The connection every request of a session uses: base URL, organization and project, read once and
// kept. A change in settings is a change of connection only when `update()` says so; the caller then
// announces it and reloads, so a request never silently goes to a server other than the one the key
// was checked against. Also asks before a key would travel over plain HTTP to another machine.
import * as vscode from 'vscode';
import type { ClientConfig } from '../api/client';
import { isInsecureBaseUrl } from '../api/config';
import { LlamaCloudError } from '../api/errors';
import type { ApiKeyStore } from '../auth/apiKeyStore';
import type { Ui } from '../ui/prompts';
import { readSettings, type Settings } from './settings';

interface Target {
  endpoint: Settings['endpoint'];
  organizationId?: string;
  projectId?: string;
}

export class Connection {
  private target: Target;
  /** One question per insecure base URL per session; concurrent requests share it. */
  private insecureAnswers = new Map<string, Promise<boolean>>();

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly ui: () => Ui,
    private readonly userAgent: string,
  ) {
    this.target = targetOf(readSettings());
  }

  /** Where requests go, for people: "api.cloud.llamaindex.ai" (+ project/organization when set). */
  describe(): string {
    const t = this.target;
    const where = t.endpoint.ok ? new URL(t.endpoint.baseUrl).host : vscode.l10n.t('an invalid base URL');
    const scope = [t.organizationId && vscode.l10n.t('organization {0}', t.organizationId), t.projectId && vscode.l10n.t('project {0}', t.projectId)].filter(Boolean).join(', ');
    return scope ? `${where} (${scope})` : where;
  }

  /** Reads the settings again. Returns true when the connection changed (the caller announces it and reloads). */
  update(): boolean {
    const next = targetOf(readSettings());
    if (sameTarget(next, this.target)) { return false; }
    this.target = next;
    this.insecureAnswers.clear();
    return true;
  }

  async config(): Promise<ClientConfig> {
    const t = this.target;
    if (!t.endpoint.ok) {throw new LlamaCloudError({ kind: 'config', message: t.endpoint.message });}
    const baseUrl = t.endpoint.baseUrl;
    const apiKey = await this.keys.get();
    if (apiKey && isInsecureBaseUrl(baseUrl)) {
      let answer = this.insecureAnswers.get(baseUrl);
      if (!answer) {
        answer = this.ui().confirm(
          vscode.l10n.t('Send your LlamaCloud API key over plain HTTP to {0}?', new URL(baseUrl).host),
          vscode.l10n.t('The base URL does not use https://, so the key and the results would cross the network unencrypted. Use an https:// URL unless you trust every network in between.'),
          vscode.l10n.t('Send Anyway'),
        );
        this.insecureAnswers.set(baseUrl, answer);
      }
      if (!(await answer)) {
        throw new LlamaCloudError({
          kind: 'config',
          message: vscode.l10n.t('Requests to {0} were not sent because they would carry your API key unencrypted. Set “llamaClassify.baseUrl” to an https:// URL.', baseUrl),
        });
      }
    }
    const settings = readSettings(); // page size and timeout apply at once; they do not change the connection
    return {
      baseUrl,
      apiKey,
      organizationId: t.organizationId,
      projectId: t.projectId,
      timeoutMs: settings.timeoutMs,
      userAgent: this.userAgent,
    };
  }
}

function targetOf(s: Settings): Target {
  return { endpoint: s.endpoint, organizationId: s.organizationId, projectId: s.projectId };
}

function sameTarget(a: Target, b: Target): boolean {
  const url = (t: Target) => (t.endpoint.ok ? t.endpoint.baseUrl : `invalid:${t.endpoint.message}`);
  return url(a) === url(b) && a.organizationId === b.organizationId && a.projectId === b.projectId;
}

export function userAgent(version: string): string {
  return `llamacloud-classify-results/${version} (VS Code ${vscode.version})`;
}
