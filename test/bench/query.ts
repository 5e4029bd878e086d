// Plain-Node figure of `npm run bench`: 10,000 loaded results filtered, sorted and regrouped (the
// work the tree does on every Filter / Sort / Group command; model/resultQuery.ts). Fresh computations
// (no cache), medians of interleaved repetitions. Printed, never asserted.
import type { FileClassification } from '../../src/api/types';
import { NO_MATCH, parseCondition, runQuery, type QuerySpec } from '../../src/model/resultQuery';
import { COUNT_10K, job10k, median, nowMs } from './common';

export interface QueryFigures {
  items: number;
  reps: number;
  /** Types invoice + No match and confidence < 60%, server order. */
  filterMs: number;
  /** Every result, confidence lowest first. */
  sortConfidenceMs: number;
  /** Every result by file name (natural, case-insensitive). */
  sortNameMs: number;
  /** Every result grouped by type, highest confidence first in each group. */
  groupMs: number;
  /** Filter + sort + groups at once: the slowest single command. */
  allMs: number;
}

export function tenThousandResults(): FileClassification[] {
  const job = job10k();
  return Array.from({ length: COUNT_10K }, (_, i) => {
    const r = job.row(i);
    const res = r.result!;
    return {
      id: r.id,
      classify_job_id: r.classify_job_id,
      file_id: r.file_id ?? null,
      result: { type: res.type, confidence: res.confidence as number, reasoning: res.reasoning },
      created_at: r.created_at ?? null,
      updated_at: r.updated_at ?? null,
    };
  });
}

export function measureQuery(reps: number): QueryFigures {
  const items = tenThousandResults();
  const below60 = parseCondition('<0.6');
  if (!below60.ok || !below60.condition) { throw new Error('the bench condition does not parse'); }
  const filter = { types: ['type:invoice', NO_MATCH], confidenceText: '<0.6', confidence: below60.condition };
  const none = { types: [] };
  const nameOf = (i: FileClassification) => i.file_id ?? i.id;
  const cases: Record<Exclude<keyof QueryFigures, 'items' | 'reps'>, QuerySpec> = {
    filterMs: { filter, sort: 'server', grouped: false },
    sortConfidenceMs: { filter: none, sort: 'confidenceAsc', grouped: false },
    sortNameMs: { filter: none, sort: 'fileName', grouped: false },
    groupMs: { filter: none, sort: 'confidenceDesc', grouped: true },
    allMs: { filter, sort: 'confidenceAsc', grouped: true },
  };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, [] as number[]])) as Record<keyof typeof cases, number[]>;
  let sink = 0;
  for (let rep = 0; rep < reps + 2; rep++) {
    for (const [name, spec] of Object.entries(cases) as [keyof typeof cases, QuerySpec][]) {
      const t0 = nowMs();
      const out = runQuery(items, spec, nameOf);
      const ms = nowMs() - t0;
      sink += out.matched + (out.groups?.length ?? 0);
      if (rep >= 2) { samples[name].push(ms); } // two warm-up rounds: the JIT, not the figure
    }
  }
  if (sink === 0) { throw new Error('the queries kept nothing'); }
  const med = (k: keyof typeof cases) => median(samples[k]);
  return { items: items.length, reps, filterMs: med('filterMs'), sortConfidenceMs: med('sortConfidenceMs'), sortNameMs: med('sortNameMs'), groupMs: med('groupMs'), allMs: med('allMs') };
}

if (require.main === module) {
  console.log(JSON.stringify(measureQuery(15), null, 2));
}
