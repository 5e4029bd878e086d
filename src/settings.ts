// Reads `llamaClassify.*` settings on every use, so changes apply without a reload.
import * as vscode from 'vscode';
import { resolveBaseUrl, type BaseUrlResolution } from './api/config';

export const SECTION = 'llamaClassify';

export interface Settings {
  endpoint: BaseUrlResolution;
  organizationId?: string;
  projectId?: string;
  pageSize: number;
  timeoutMs: number;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const clamp = (n: unknown, min: number, max: number, fallback: number) =>
    typeof n === 'number' && Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
  return {
    endpoint: resolveBaseUrl({ region: c.get<string>('region'), baseUrl: c.get<string>('baseUrl'), envBaseUrl: env.LLAMA_CLOUD_BASE_URL }),
    organizationId: c.get<string>('organizationId')?.trim() || undefined,
    projectId: c.get<string>('projectId')?.trim() || undefined,
    pageSize: Math.round(clamp(c.get('pageSize'), 1, 1000, 50)),
    timeoutMs: clamp(c.get('requestTimeoutSeconds'), 1, 600, 30) * 1000,
  };
}

/** True when a change touches what requests are sent to, or as whom. */
export function affectsConnection(e: vscode.ConfigurationChangeEvent): boolean {
  return ['region', 'baseUrl', 'organizationId', 'projectId'].some((k) => e.affectsConfiguration(`${SECTION}.${k}`));
}
