// Reads `llamaClassify.*` settings. Where requests go (region, base URL) is `application`-scoped in
// the manifest: read from User settings everywhere — also in remote windows and code-server, where
// people put them — and never from a workspace, so a workspace cannot send the key elsewhere.
import * as vscode from 'vscode';
import { resolveBaseUrl, type BaseUrlResolution } from '../api/config';
import { SETTINGS_SECTION, Settings as Keys } from '../constants';
import { validThreshold } from '../model/summary';

export interface Settings {
  endpoint: BaseUrlResolution;
  organizationId?: string;
  projectId?: string;
  pageSize: number;
  timeoutMs: number;
  prefetch: boolean;
  /** 0..1: results below it are low confidence: listed in the job summary, and (with "No match") in the review queue. */
  lowConfidenceThreshold: number;
  /** Load All stops once this many results of a job are loaded. */
  loadAllLimit: number;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const clamp = (n: unknown, min: number, max: number, fallback: number) =>
    typeof n === 'number' && Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
  const text = (key: string) => {
    const v = c.get<unknown>(key);
    return typeof v === 'string' ? v.trim() || undefined : undefined;
  };
  return {
    endpoint: resolveBaseUrl({ region: text(Keys.region), baseUrl: text(Keys.baseUrl), envBaseUrl: env.LLAMA_CLOUD_BASE_URL }),
    organizationId: text(Keys.organizationId),
    projectId: text(Keys.projectId),
    pageSize: Math.round(clamp(c.get(Keys.pageSize), 1, 1000, 50)),
    timeoutMs: clamp(c.get(Keys.requestTimeoutSeconds), 1, 600, 30) * 1000,
    prefetch: c.get<unknown>(Keys.prefetch) !== false,
    lowConfidenceThreshold: validThreshold(c.get<unknown>(Keys.lowConfidenceThreshold)),
    loadAllLimit: Math.round(clamp(c.get(Keys.loadAllLimit), 1, 1_000_000, 10_000)),
  };
}

/** True when a change touches where requests go or as whom: the connection. */
export function affectsConnection(e: vscode.ConfigurationChangeEvent): boolean {
  return [Keys.region, Keys.baseUrl, Keys.organizationId, Keys.projectId].some((k) => e.affectsConfiguration(`${SETTINGS_SECTION}.${k}`));
}
