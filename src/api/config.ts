// Where requests go. Pure: the vscode settings layer passes plain values in.
import { REGION_BASE_URLS, type Region } from './types';

export interface EndpointSettings {
  region?: string;
  /** Overrides the region (self-hosted / BYOC, tests). */
  baseUrl?: string;
  /** LLAMA_CLOUD_BASE_URL, as the official SDK reads it; used when no baseUrl setting is given. */
  envBaseUrl?: string;
}

export type BaseUrlResolution = { ok: true; baseUrl: string; source: 'setting' | 'environment' | 'region' } | { ok: false; message: string };

export function resolveBaseUrl(s: EndpointSettings): BaseUrlResolution {
  const explicit = s.baseUrl?.trim();
  const env = s.envBaseUrl?.trim();
  const chosen = explicit ? { url: explicit, source: 'setting' as const } : env ? { url: env, source: 'environment' as const } : undefined;
  if (chosen) {
    let url: URL;
    try {
      url = new URL(chosen.url);
    } catch {
      return {
        ok: false,
        message: `The base URL “${chosen.url}” is not a URL. Use a full URL with its scheme, e.g. https://api.cloud.eu.llamaindex.ai.`,
      };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return { ok: false, message: `The base URL must start with https:// (got “${url.protocol}”).` };
    }
    return { ok: true, baseUrl: (url.origin + url.pathname).replace(/\/+$/, ''), source: chosen.source };
  }
  const region: Region = s.region === 'eu' ? 'eu' : 'na';
  return { ok: true, baseUrl: REGION_BASE_URLS[region], source: 'region' };
}

/** True when the key would travel in clear text: plain http to anything but this machine. */
export function isInsecureBaseUrl(baseUrl: string): boolean {
  const url = new URL(baseUrl);
  if (url.protocol === 'https:') { return false; }
  const host = url.hostname; // IPv6 in brackets: "[::1]"
  return !(host === 'localhost' || host === '[::1]' || /^127\./.test(host));
}
