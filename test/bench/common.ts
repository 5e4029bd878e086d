// Shared by every part of `npm run bench`: the added network latency, the generated 10,000-result job,
// medians, the goals and the shape of test-results/bench.json. Imports no `vscode` (the host suite and
// plain Node both use it).
import * as fs from 'fs';
import * as path from 'path';
import { fakeId, seededRandom, type FakeJob } from '../fake-server/datasets';

/** Added to EVERY API request of the fake server (its `fault({ delayMs, times: Infinity })`): a near, fast LlamaCloud. */
export const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS || 30);

/** A 10,000-result job built like the fake datasets' regular jobs (types, ~8% no match, reasoning, dates). */
export const JOB_10K = fakeId(0x00b, 10_000);
export const COUNT_10K = 10_000;

const TYPES = ['invoice', 'receipt', 'contract', 'bank_statement', 'purchase_order'];
const BASE_TIME = Date.UTC(2026, 9, 14, 9, 30, 0);
const iso = (s: number) => new Date(BASE_TIME + s * 1000).toISOString();

export function job10k(): FakeJob {
  const seed = 1010;
  return {
    id: JOB_10K,
    label: 'Bench: 10,000 results',
    status: 'SUCCESS',
    created_at: iso(seed),
    count: COUNT_10K,
    row(index) {
      const rnd = seededRandom(seed * 100_003 + index);
      const noMatch = rnd() < 0.08;
      const type = noMatch ? null : TYPES[Math.floor(rnd() * TYPES.length)];
      const confidence = Math.round((noMatch ? 0.1 + rnd() * 0.3 : 0.45 + rnd() * 0.55) * 1000) / 1000;
      const reasoning = type
        ? `The document shows the structure of a ${type.replace(/_/g, ' ')}. Confidence ${(confidence * 100).toFixed(0)}% reflects how many of the rule's criteria were met.`
        : `No rule matched document ${index + 1} closely enough.`;
      return {
        id: fakeId(0x10b, index + 1),
        classify_job_id: JOB_10K,
        file_id: fakeId(0x0fb, index + 1),
        result: { type, confidence, reasoning },
        created_at: iso(seed + index * 7),
        updated_at: iso(seed + index * 7 + 3),
      };
    },
  };
}

export const median = (xs: number[]): number => {
  if (xs.length === 0) {return NaN;}
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** What the host suite (test/bench/host) measures, written to env BENCH_RESULT_FILE. */
export interface HostFigures {
  /** sendDelayMs: from the command to the results request arriving at the server (includes warm-up runs). */
  firstPage?: { extMs: number[]; rawMs: number[]; sendDelayMs: number[]; pageSize: number; error?: string };
  loadAll?: { extMs: number[]; rawMs: number[]; items: number[]; pageSize: number; prefetch: unknown; error?: string };
  loadMore?: {
    prefetchSetting: boolean;
    /** Samples with llamaClassify.prefetch true / false (or the default when the setting does not exist). */
    prefetchOn: number[];
    prefetchOff: number[];
    pageSize: number;
    error?: string;
  };
  /** The extension host's own perf marks around our module load (cross-check of activationMs). */
  hostMarks?: { codeLoadMs?: number; activateMs?: number; note: string };
  errors: string[];
}

/** The extension declares llamaClassify.prefetch (another change adds it): read from package.json at run time. */
export function hasPrefetchSetting(repoRoot: string): boolean {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    return !!pkg?.contributes?.configuration?.properties?.['llamaClassify.prefetch'];
  } catch {
    return false;
  }
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

/** A promise that rejects after `ms` with `what` (bounds every wait). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timeout (${ms} ms): ${what}`)), ms))),
  ]);
}
