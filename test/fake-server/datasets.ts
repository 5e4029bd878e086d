// Deterministic data for the fake LlamaCloud server: the same IDs, texts and confidences every run,
// so tests and the demo can name them. Rows are generated from their index, so a job of 100,000
// results costs nothing until it is paged.

export interface FakeResultRow {
  id: string;
  classify_job_id: string;
  file_id?: string | null;
  result?: { type: string | null; confidence: unknown; reasoning: string } | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export interface FakeFile {
  id: string;
  name: string;
  file_type?: string;
  file_size?: number;
}

export interface FakeJob {
  id: string;
  /** What the job holds, for the demo's listing and test names. Jobs have no name in LlamaCloud: the
   *  editor shows the short ID, status and counts, so this describes, it does not name. */
  label: string;
  /** The job's classifier rules (GET /jobs/{id} `rules`): every type its results use, no other.
   *  When absent, the types of its first 200 rows. */
  types?: string[];
  status: 'PENDING' | 'SUCCESS' | 'ERROR' | 'PARTIAL_SUCCESS' | 'CANCELLED';
  error_message?: string | null;
  created_at: string;
  count: number;
  row(index: number): FakeResultRow;
  /** The job belongs to another project: every read answers 403. */
  forbidden?: boolean;
}

export const FAKE_PROJECT_ID = '9a0c1f2e-3b4d-4e5f-8a6b-7c8d9e0f1a2b';

/**
 * A UUID-shaped id from a kind and a number: deterministic, valid for FastAPI, and with a
 * random-looking first group so short IDs (the first 8 characters) differ as real ones do.
 */
export function fakeId(kind: number, n: number): string {
  const head = (Math.floor(seededRandom(kind * 1_000_003 + n)() * 0xffffffff) >>> 0).toString(16).padStart(8, '0');
  return `${head}-${kind.toString(16).padStart(4, '0')}-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export const JOB_IDS = {
  multiPage: fakeId(0x001, 2345),
  onePage: fakeId(0x001, 12),
  empty: fakeId(0x001, 0),
  pending: fakeId(0x002, 1),
  failed: fakeId(0x002, 2),
  /** Pending for its first status reads, then done with 7 results (the server's `statusAfterReads` quirk). */
  finishing: fakeId(0x002, 3),
  edgeCases: fakeId(0x003, 1),
  hostile: fakeId(0x003, 2),
  forbidden: fakeId(0x004, 1),
  large: fakeId(0x005, 100000),
  /** Two runs over (mostly) the same files, with the differences COMPARE_DIFF names. */
  compareA: fakeId(0x006, 1),
  compareB: fakeId(0x006, 2),
};

/** Files of the compare pair: fakeId(0x0fa, n). File 6 was uploaded again for run B (a new ID, the same name). */
export const compareFile = (n: number) => fakeId(0x0fa, n);
const REUPLOADED_B = fakeId(0x0fb, 6);

/** What comparing compareA (A) with compareB (B) must show. */
export const COMPARE_DIFF = {
  counts: { same: 3, changed: 3, onlyA: 1, onlyB: 1 },
  /** Changed rows in A's order: file ID (A's), type in A → type in B, confidences. */
  changed: [
    { fileId: compareFile(2), file: 'compare-2.pdf', typeA: 'invoice', typeB: 'receipt', confidenceA: 0.8, confidenceB: 0.7 },
    { fileId: compareFile(3), file: 'compare-3.pdf', typeA: 'No match', typeB: 'contract', confidenceA: 0.3, confidenceB: 0.66 },
    { fileId: compareFile(6), file: 'report.pdf', typeA: 'bank_statement', typeB: 'invoice', confidenceA: 0.7, confidenceB: 0.75 },
  ],
};

const TYPES = ['invoice', 'receipt', 'contract', 'bank_statement', 'purchase_order'];

/** The rule descriptions the fake server lists; a type not here gets a generic one. */
export const RULE_DESCRIPTIONS: Record<string, string> = {
  invoice: 'A bill from a vendor with an invoice number and amounts due.',
  receipt: 'Proof of a completed payment from a merchant.',
  contract: 'An agreement between named parties, with clauses and signature lines.',
  bank_statement: 'A statement of account with dated entries and running balances.',
  purchase_order: 'An order from a buyer listing items, quantities and agreed prices.',
};

/** mulberry32: a tiny seeded PRNG so every run sees the same numbers. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE_TIME = Date.UTC(2026, 9, 14, 9, 30, 0);
const iso = (offsetSeconds: number) => new Date(BASE_TIME + offsetSeconds * 1000).toISOString();

function fileIdFor(jobKind: number, index: number): string {
  return fakeId(0x0f0 + jobKind, index + 1);
}

/** The types a job's rules list: its own, or those its first rows use (bounded: a job may have 100,000). */
export function jobTypes(job: FakeJob): string[] {
  if (job.types) { return job.types; }
  const seen = new Set<string>();
  for (let i = 0; i < Math.min(job.count, 200); i++) {
    const type = job.row(i).result?.type;
    if (typeof type === 'string') { seen.add(type); }
  }
  // the usual types in their usual order, then any other in order of first use
  return [...TYPES.filter((t) => seen.has(t)), ...[...seen].filter((t) => !TYPES.includes(t))];
}

export function fileNameFor(type: string | null, index: number): string {
  const stem = type ?? 'document';
  return `${stem.replace(/_/g, '-')}-${String(index + 1).padStart(4, '0')}.pdf`;
}

function reasoningFor(type: string | null, confidence: number, index: number): string {
  if (type === null) {
    return `No rule matched document ${index + 1} closely enough. It mentions amounts but has no invoice number, no merchant and no signature block.`;
  }
  return `The document shows the structure of a ${type.replace(/_/g, ' ')}: ${type === 'invoice' ? 'an invoice number, a due date and line items with totals' : type === 'receipt' ? 'a merchant name, a paid total and a payment method' : type === 'contract' ? 'named parties, clauses and signature lines' : 'dated entries and running balances'}. Confidence ${(confidence * 100).toFixed(0)}% reflects how many of the rule's criteria were met.`;
}

/** A regular job: a mix of types, about 8% with no match, file names known for 90% of files. */
function regularJob(kind: number, id: string, label: string, count: number, seed: number): FakeJob {
  return {
    id,
    label,
    // rules: what its rows use (jobTypes reads them); a job with no results has the usual five
    types: count === 0 ? [...TYPES] : undefined,
    status: 'SUCCESS',
    created_at: iso(seed),
    count,
    row(index) {
      const rnd = seededRandom(seed * 100_003 + index);
      const noMatch = rnd() < 0.08;
      const type = noMatch ? null : TYPES[Math.floor(rnd() * TYPES.length)];
      const confidence = Math.round((noMatch ? 0.1 + rnd() * 0.3 : 0.45 + rnd() * 0.55) * 1000) / 1000;
      return {
        id: fakeId(0x100 + kind, index + 1),
        classify_job_id: id,
        file_id: fileIdFor(kind, index),
        result: { type, confidence, reasoning: reasoningFor(type, confidence, index) },
        created_at: iso(seed + index * 7),
        updated_at: iso(seed + index * 7 + 3),
      };
    },
  };
}

function fixedJob(kind: number, id: string, label: string, rows: Omit<FakeResultRow, 'id' | 'classify_job_id'>[]): FakeJob {
  // the rules are exactly the types its rows use, in order of first use
  const types = [...new Set(rows.map((r) => r.result?.type).filter((t): t is string => typeof t === 'string'))];
  return {
    id,
    label,
    types,
    status: 'SUCCESS',
    created_at: iso(kind * 1000),
    count: rows.length,
    row: (index) => ({ id: fakeId(0x100 + kind, index + 1), classify_job_id: id, ...rows[index] }),
  };
}

export const HOSTILE = {
  script: '<script>window.__pwned = "script"</script>',
  img: '<img src=x onerror="window.__pwned = \'img\'">',
  link: '[run me](command:workbench.action.quit) **bold** <b>b</b>',
};

export const LONG_REASONING = (() => {
  const paragraph =
    'The first page carries a header with the vendor name, a remittance address and an invoice number (INV-2026-0042). ' +
    'Line items list quantities, unit prices and extended amounts, and the footer totals them with tax. ';
  const parts: string[] = [];
  for (let i = 1; i <= 60; i++) {parts.push(`Step ${i}. ${paragraph.repeat(3)}`);}
  return parts.join('\n\n');
})();

export function buildDataset(): { jobs: FakeJob[]; files: Map<string, FakeFile> } {
  const jobs: FakeJob[] = [];
  const files = new Map<string, FakeFile>();

  const multiPage = regularJob(1, JOB_IDS.multiPage, '2,345 results of 5 types, 47 pages of 50', 2345, 11);
  const onePage = regularJob(2, JOB_IDS.onePage, '12 results of 5 types, one page', 12, 22);
  const large = regularJob(6, JOB_IDS.large, '100,000 results of 5 types', 100_000, 66);
  jobs.push(multiPage, onePage, large);
  for (const [job, kind, known] of [
    [multiPage, 1, 0.9],
    [onePage, 2, 1],
  ] as const) {
    for (let i = 0; i < job.count; i++) {
      if (seededRandom(kind * 7919 + i)() >= known) { continue; } // a few files the Files API does not know
      const row = job.row(i);
      files.set(row.file_id as string, {
        id: row.file_id as string,
        name: fileNameFor(row.result?.type ?? null, i),
        file_type: 'pdf',
        file_size: 20_000 + i * 37,
      });
    }
  }

  jobs.push({ ...regularJob(3, JOB_IDS.empty, 'SUCCESS with no results', 0, 33), status: 'SUCCESS' });
  jobs.push({ ...regularJob(4, JOB_IDS.pending, 'PENDING, no results yet', 0, 44), status: 'PENDING' });
  jobs.push({ ...regularJob(5, JOB_IDS.failed, 'ERROR: the file is password protected', 0, 55), status: 'ERROR', error_message: 'Parsing failed: the file is password protected.' });
  const finishing = regularJob(12, JOB_IDS.finishing, '7 results, PENDING for the first few reads', 7, 100);
  jobs.push(finishing);
  for (let i = 0; i < finishing.count; i++) {
    const row = finishing.row(i);
    files.set(row.file_id as string, { id: row.file_id as string, name: fileNameFor(row.result?.type ?? null, i) });
  }
  jobs.push({ ...regularJob(7, JOB_IDS.forbidden, '3 results in another project: every read answers 403', 3, 77), forbidden: true });

  const edgeRows: Omit<FakeResultRow, 'id' | 'classify_job_id'>[] = [
    { file_id: fakeId(0x0f8, 1), result: { type: 'invoice', confidence: 0.92, reasoning: 'Invoice number and due date present.\n\nTotals match the line items.' }, created_at: iso(1), updated_at: iso(2) },
    { file_id: fakeId(0x0f8, 2), result: { type: null, confidence: 0.31, reasoning: 'No rule matched: the document is a cover letter.' }, created_at: iso(3), updated_at: iso(4) },
    { file_id: fakeId(0x0f8, 3), result: null, created_at: iso(5), updated_at: iso(6) },
    { file_id: null, result: { type: 'receipt', confidence: 0.77, reasoning: 'A receipt without a file id.' }, created_at: null, updated_at: null },
    { result: { type: 'contract', confidence: 0.64, reasoning: LONG_REASONING } },
    { file_id: fakeId(0x0f8, 6), result: { type: '請求書', confidence: 0.88, reasoning: 'この文書には請求番号と支払期日が記載されています。\nالمستند يحتوي على رقم الفاتورة. Ελληνικά κείμενα. 🧾' }, created_at: iso(9), updated_at: iso(10) },
    { file_id: fakeId(0x0f8, 7), result: { type: 'invoice', confidence: Number.NaN, reasoning: 'Confidence is NaN (JSON cannot carry NaN, so it arrives as the string "NaN").' }, created_at: iso(11), updated_at: iso(12) },
    { file_id: fakeId(0x0f8, 8), result: { type: 'invoice', confidence: 1.7, reasoning: 'Confidence above 1.' }, created_at: iso(13), updated_at: iso(14) },
    { file_id: fakeId(0x0f8, 9), result: { type: 'receipt', confidence: -0.2, reasoning: 'Confidence below 0.' }, created_at: iso(15), updated_at: iso(16) },
    { file_id: fakeId(0x0f8, 10), result: { type: 'bank_statement', confidence: 0.55, reasoning: 'Mid-band confidence.' }, created_at: iso(17), updated_at: iso(18) },
  ];
  jobs.push({ ...fixedJob(8, JOB_IDS.edgeCases, '10 edge-case results: nulls, long text, odd confidences', edgeRows) });
  files.set(fakeId(0x0f8, 1), { id: fakeId(0x0f8, 1), name: 'invoice-acme.pdf' });
  files.set(fakeId(0x0f8, 6), { id: fakeId(0x0f8, 6), name: '請求書-2026.pdf' });

  const hostileRows: Omit<FakeResultRow, 'id' | 'classify_job_id'>[] = [
    { file_id: fakeId(0x0f9, 1), result: { type: HOSTILE.script, confidence: 0.99, reasoning: `${HOSTILE.script}\n${HOSTILE.img}\n${HOSTILE.link}` }, created_at: iso(1), updated_at: iso(2) },
    { file_id: fakeId(0x0f9, 2), result: { type: HOSTILE.img, confidence: 0.5, reasoning: HOSTILE.img }, created_at: iso(3), updated_at: iso(4) },
    { file_id: fakeId(0x0f9, 3), result: { type: HOSTILE.link, confidence: 0.2, reasoning: HOSTILE.link }, created_at: iso(5), updated_at: iso(6) },
  ];
  jobs.push(fixedJob(9, JOB_IDS.hostile, '3 results with hostile strings', hostileRows));
  files.set(fakeId(0x0f9, 1), { id: fakeId(0x0f9, 1), name: `${HOSTILE.img}.pdf` });
  files.set(fakeId(0x0f9, 2), { id: fakeId(0x0f9, 2), name: `${HOSTILE.script}.pdf` });
  files.set(fakeId(0x0f9, 3), { id: fakeId(0x0f9, 3), name: `${HOSTILE.link}.pdf` });

  // The compare pair (see COMPARE_DIFF): same type for files 1, 4 and 8 (8 has no result in either),
  // changed for 2, 3 and 6 (6 matched by name), file 5 only in A, file 7 only in B.
  const r = (n: number, type: string | null, confidence: number, fileId = compareFile(n)) => ({ file_id: fileId, result: { type, confidence, reasoning: `Run result for file ${n}.` }, created_at: iso(n), updated_at: iso(n + 1) });
  jobs.push(
    fixedJob(10, JOB_IDS.compareA, '7 results, run A of a pair to compare with the next job', [
      r(1, 'invoice', 0.9),
      r(2, 'invoice', 0.8),
      r(3, null, 0.3),
      r(4, 'receipt', 0.95),
      r(5, 'contract', 0.5),
      r(6, 'bank_statement', 0.7),
      { file_id: compareFile(8), result: null, created_at: iso(8), updated_at: iso(9) },
    ]),
    fixedJob(11, JOB_IDS.compareB, '7 results, run B: compare it with the job above', [
      r(4, 'receipt', 0.95),
      r(1, 'invoice', 0.85),
      r(2, 'receipt', 0.7),
      r(3, 'contract', 0.66),
      r(6, 'invoice', 0.75, REUPLOADED_B),
      r(7, 'receipt', 0.6),
      { file_id: compareFile(8), result: null, created_at: iso(8), updated_at: iso(9) },
    ]),
  );
  for (let n = 1; n <= 8; n++) { files.set(compareFile(n), { id: compareFile(n), name: n === 6 ? 'report.pdf' : `compare-${n}.pdf` }); }
  files.set(REUPLOADED_B, { id: REUPLOADED_B, name: 'report.pdf' });

  return { jobs, files };
}
