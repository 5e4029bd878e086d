import * as assert from 'assert';
import {
  confidenceIssue,
  fieldPattern,
  parseErrorDetail,
  parseFile,
  parseFilesPage,
  parseJob,
  parseJobsPage,
  parseResult,
  parseFileClassification,
  parseResultsPage,
  rawOf,
  ShapeError,
  type ParseWarning,
} from '../../../src/api/parse';

/** Runs a parser with a warning collector. */
function collect<T>(parse: (warn: (w: ParseWarning) => void) => T): { value: T; warnings: ParseWarning[] } {
  const warnings: ParseWarning[] = [];
  const value = parse((w) => warnings.push(w));
  return { value, warnings };
}

const ROW = { id: 'a', classify_job_id: 'j' };

describe('response parsing', () => {
  it('ignores unknown fields and accepts missing optional ones', () => {
    const { value, warnings } = collect((w) => parseResultsPage({ items: [{ ...ROW, extra: 1 }], new_field: true }, w));
    assert.deepStrictEqual(value, {
      items: [{ id: 'a', classify_job_id: 'j', file_id: null, result: null, created_at: null, updated_at: null }],
      next_page_token: null,
      total_size: null,
    });
    assert.deepStrictEqual(warnings, []);
  });

  it('keeps well-formed values as sent', () => {
    const item = {
      ...ROW,
      file_id: 'f',
      result: { type: 'invoice', confidence: 0.25, reasoning: 'why' },
      created_at: '2026-01-01T00:00:00.123456',
      updated_at: '2026-01-01T00:00:00+00:00',
    };
    const { value, warnings } = collect((w) => parseResultsPage({ items: [item], next_page_token: 'tok', total_size: 0 }, w));
    assert.deepStrictEqual(value, {
      items: [{ ...item, result: { type: 'invoice', confidence: 0.25, reasoning: 'why' } }],
      next_page_token: 'tok',
      total_size: 0,
    });
    assert.deepStrictEqual(warnings, []);
  });

  it('treats an empty or null next_page_token as the end', () => {
    assert.strictEqual(parseResultsPage({ items: [], next_page_token: '' }).next_page_token, null);
    assert.strictEqual(parseResultsPage({ items: [], next_page_token: null }).next_page_token, null);
    assert.strictEqual(parseJobsPage({ items: [], next_page_token: '' }).next_page_token, null);
  });

  it('refuses a page only when its rows cannot be identified, naming the field', () => {
    assert.throws(() => parseResultsPage({ items: [{ id: 5, classify_job_id: 'j' }] }), /`items\[0\]\.id` should be a non-empty string but is a number \(5\)/);
    assert.throws(() => parseResultsPage({ items: [ROW, { id: 'b', classify_job_id: '' }] }), /`items\[1\]\.classify_job_id` should be a non-empty string but is a string \(""\)/);
    assert.throws(() => parseResultsPage({ items: [ROW, null] }), /`items\[1\]` should be an object but is null/);
    assert.throws(() => parseResultsPage({ items: 'none' }), /`response\.items` should be an array but is a string \("none"\)/);
    assert.throws(() => parseResultsPage({}), /`response\.items` should be an array but is missing/);
    assert.throws(() => parseResultsPage([]), /`response` should be an object but is an array/);
    assert.throws(() => parseResultsPage(null), /`response` should be an object but is null/);
    assert.throws(() => parseResultsPage('x'), /`response` should be an object but is a string/);
    assert.throws(() => parseResultsPage({ items: [], next_page_token: 7 }), /`response\.next_page_token` should be a string or null but is a number \(7\)/);
    assert.throws(() => parseJobsPage({ items: [{ status: 'SUCCESS' }] }), /`items\[0\]\.id` should be a non-empty string but is missing/);
    assert.throws(() => parseJobsPage({ items: {} }), /`response\.items` should be an array but is an object/);
    assert.throws(() => parseJobsPage({ items: [], next_page_token: false }), /`response\.next_page_token` should be a string or null but is a boolean/);
    assert.throws(() => parseJobsPage(null), /^ShapeError: field `response` should be an object but is null$/);
  });

  it('ShapeError names the field and the problem', () => {
    const err = new ShapeError('items[2].id', 'a non-empty string', 'a'.repeat(50));
    assert.strictEqual(err.name, 'ShapeError');
    assert.strictEqual(err.field, 'items[2].id');
    assert.strictEqual(err.message, `field \`items[2].id\` should be a non-empty string but is a string ("${'a'.repeat(40)}…")`);
    assert.ok(err instanceof Error);
    assert.strictEqual(new ShapeError('f', 'x', 'b'.repeat(40)).message, `field \`f\` should be x but is a string ("${'b'.repeat(40)}")`, '40 characters are shown whole');
  });

  it('fieldPattern removes indexes', () => {
    assert.strictEqual(fieldPattern('items[12].result.type'), 'items[].result.type');
    assert.strictEqual(fieldPattern('response.items[0].rules[3].type'), 'response.items[].rules[].type');
    assert.strictEqual(fieldPattern('response.total_size'), 'response.total_size');
  });

  for (const [label, total] of [
    ['negative', -1],
    ['fractional', 2.5],
    ['text', 'many'],
    ['boolean', true],
    ['object', { n: 1 }],
    ['NaN', Number.NaN],
  ] as const) {
    it(`a ${label} total_size reads as unknown, keeps the page and warns`, () => {
      const { value, warnings } = collect((w) => parseResultsPage({ items: [ROW], next_page_token: 'n', total_size: total }, w));
      assert.strictEqual(value.total_size, null);
      assert.strictEqual(value.items.length, 1);
      assert.strictEqual(value.next_page_token, 'n');
      assert.strictEqual(warnings.length, 1);
      assert.strictEqual(warnings[0].path, 'response.total_size');
      assert.strictEqual(warnings[0].pattern, 'response.total_size');
      assert.match(warnings[0].message, /^field `response\.total_size` should be a whole number ≥ 0 or null but is .*; shown as unknown$/);
    });
  }

  it('explicit nulls are not warnings', () => {
    const { value, warnings } = collect((w) =>
      parseResultsPage({ items: [{ ...ROW, file_id: null, result: null, created_at: null, updated_at: null }], next_page_token: null, total_size: null }, w),
    );
    assert.strictEqual(value.total_size, null);
    assert.strictEqual(value.items[0].created_at, null);
    const job = collect((w) => parseJob({ id: 'j', status: 'SUCCESS', project_id: null, rules: null, created_at: null, updated_at: null, error_message: null }, 'response', w));
    assert.deepStrictEqual(job.value.rules, []);
    const file = collect((w) => parseFile({ id: 'f', name: 'n', file_type: null, file_size: null }, 'response', w));
    assert.deepStrictEqual(file.value, { id: 'f', name: 'n', file_type: null, file_size: null });
    assert.deepStrictEqual([...warnings, ...job.warnings, ...file.warnings], []);
  });

  it('parses without a warning callback too', () => {
    assert.strictEqual(parseResultsPage({ items: [{ ...ROW, created_at: 5 }], total_size: -1 }).total_size, null);
    assert.strictEqual(parseJob({ id: 'j' }).status, 'UNKNOWN');
    assert.strictEqual(parseFile({ id: 'f', name: 'n', file_size: -1 }).file_size, null);
    assert.deepStrictEqual(parseFilesPage({ items: [{ id: 'f' }] }), []);
    assert.strictEqual(parseResult('x', 'r'), null);
  });

  it('an item’s unreadable dates read as null and warn with the indexed path and the pattern', () => {
    const { value, warnings } = collect((w) =>
      parseResultsPage(
        {
          items: [
            { ...ROW, created_at: 3, updated_at: 'not a date' },
            { ...ROW, created_at: '2026-02-30T25:00:00Z', updated_at: '2026-01-01T00:00:00Z' },
          ],
        },
        w,
      ),
    );
    assert.deepStrictEqual(
      value.items.map((i) => [i.created_at, i.updated_at]),
      [
        [null, null],
        [null, '2026-01-01T00:00:00Z'],
      ],
    );
    assert.deepStrictEqual(
      warnings.map((w) => [w.path, w.pattern]),
      [
        ['items[0].created_at', 'items[].created_at'],
        ['items[0].updated_at', 'items[].updated_at'],
        ['items[1].created_at', 'items[].created_at'],
      ],
    );
    assert.strictEqual(warnings[0].message, 'field `items[0].created_at` should be a date-time string or null but is a number (3); shown as unknown');
    assert.strictEqual(warnings[1].message, 'field `items[0].updated_at` should be a date-time string or null but is a string ("not a date"); shown as unknown');
  });

  it('a non-string file_id reads as null and warns; null and absent do not warn', () => {
    const { value, warnings } = collect((w) => parseResultsPage({ items: [{ ...ROW, file_id: 5 }, { ...ROW, file_id: null }, ROW, { ...ROW, file_id: '' }] }, w));
    assert.deepStrictEqual(
      value.items.map((i) => i.file_id),
      [null, null, null, ''],
    );
    assert.deepStrictEqual(
      warnings.map((w) => w.message),
      ['field `items[0].file_id` should be a string or null but is a number (5); shown as unknown'],
    );
  });
});

describe('classification result parsing', () => {
  it('null and absent results are no result, without a warning', () => {
    const { value, warnings } = collect((w) => [parseResult(null, 'r', w), parseResult(undefined, 'r', w)]);
    assert.deepStrictEqual(value, [null, null]);
    assert.deepStrictEqual(warnings, []);
  });

  it('a result that is not an object is no result, and warns', () => {
    for (const bad of ['invoice', 3, [], true]) {
      const { value, warnings } = collect((w) => parseResult(bad, 'items[4].result', w));
      assert.strictEqual(value, null);
      assert.strictEqual(warnings.length, 1);
      assert.strictEqual(warnings[0].pattern, 'items[].result');
      assert.match(warnings[0].message, /^field `items\[4\]\.result` should be an object or null but is .*; the row is shown without a result$/);
    }
  });

  it('a null or absent type is "no match" without a warning', () => {
    const { value, warnings } = collect((w) => [parseResult({ type: null, confidence: 0.5, reasoning: 'r' }, 'r', w), parseResult({ confidence: 0.5 }, 'r', w)]);
    assert.deepStrictEqual(value, [
      { type: null, confidence: 0.5, reasoning: 'r' },
      { type: null, confidence: 0.5, reasoning: '' },
    ]);
    assert.deepStrictEqual(warnings, []);
  });

  it('a type that is not a string is flagged (typeIssue), not taken for "no match", and warns', () => {
    const { value, warnings } = collect((w) => parseResult({ type: ['invoice'], confidence: 1, reasoning: 'r' }, 'items[0].result', w));
    assert.deepStrictEqual(value, { type: null, typeIssue: 'the server sent an array instead of a type', confidence: 1, reasoning: 'r' });
    assert.deepStrictEqual(
      warnings.map((w) => w.message),
      ['field `items[0].result.type` should be a string or null but is an array; shown as unknown'],
    );
  });

  it('reasoning that is not a string reads as none and warns', () => {
    const { value, warnings } = collect((w) => parseResult({ type: 'x', confidence: 0, reasoning: { text: 'r' } }, 'items[0].result', w));
    assert.deepStrictEqual(value, { type: 'x', confidence: 0, reasoning: '' });
    assert.deepStrictEqual(
      warnings.map((w) => w.message),
      ['field `items[0].result.reasoning` should be a string but is an object; shown as no reasoning'],
    );
    assert.deepStrictEqual(collect((w) => parseResult({ type: 'x', confidence: 0, reasoning: null }, 'r', w)).warnings, []);
  });

  it('keeps an untrusted confidence out of `confidence`, with the reason and the raw value', () => {
    assert.deepStrictEqual(parseResult({ type: 'x', confidence: 1.7, reasoning: '' }, 'r'), {
      type: 'x',
      confidence: null,
      confidenceIssue: 'the server sent 1.7, above 1',
      rawConfidence: 1.7,
      reasoning: '',
    });
    const missing = parseResult({ type: 'x' }, 'r');
    assert.strictEqual(missing?.confidenceIssue, 'the server sent no confidence');
    assert.ok(missing && 'rawConfidence' in missing && missing.rawConfidence === undefined);
  });

  it('flags confidence that cannot be trusted', () => {
    assert.strictEqual(confidenceIssue(0), undefined);
    assert.strictEqual(confidenceIssue(1), undefined);
    assert.strictEqual(confidenceIssue(0.5), undefined);
    assert.strictEqual(confidenceIssue(Number.NaN), 'the server sent NaN');
    assert.strictEqual(confidenceIssue('0.5'), 'the server sent a string ("0.5") instead of a number');
    assert.strictEqual(confidenceIssue(null), 'the server sent no confidence');
    assert.strictEqual(confidenceIssue(undefined), 'the server sent no confidence');
    assert.strictEqual(confidenceIssue(-0.2), 'the server sent -0.2, below 0');
    assert.strictEqual(confidenceIssue(1.0001), 'the server sent 1.0001, above 1');
    assert.strictEqual(confidenceIssue(-0.0001), 'the server sent -0.0001, below 0');
    assert.strictEqual(confidenceIssue({}), 'the server sent an object instead of a number');
    assert.strictEqual(confidenceIssue(false), 'the server sent a boolean instead of a number');
  });
});

describe('job parsing', () => {
  const JOB = {
    id: 'j',
    project_id: 'p',
    user_id: 'u',
    status: 'SUCCESS',
    rules: [{ type: 'invoice', description: 'A bill.' }],
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-02T00:00:00Z',
    error_message: null,
  };

  it('reads a well-formed job', () => {
    const { value, warnings } = collect((w) => parseJob(JOB, 'response', w));
    assert.deepStrictEqual(value, {
      id: 'j',
      project_id: 'p',
      status: 'SUCCESS',
      rules: [{ type: 'invoice', description: 'A bill.' }],
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-02T00:00:00Z',
      error_message: null,
    });
    assert.deepStrictEqual(warnings, []);
  });

  it('keeps unknown statuses as they are', () => {
    assert.strictEqual(parseJob({ ...JOB, status: 'RUNNING' }).status, 'RUNNING');
  });

  for (const [label, status] of [
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['a number', 2],
    ['an object', { s: 1 }],
  ] as const) {
    it(`a ${label} status reads as UNKNOWN and warns`, () => {
      const { value, warnings } = collect((w) => parseJob({ ...JOB, status }, 'items[3]', w));
      assert.strictEqual(value.status, 'UNKNOWN');
      assert.deepStrictEqual(
        warnings.map((w) => [w.path, w.pattern]),
        [['items[3].status', 'items[].status']],
      );
      assert.match(warnings[0].message, /should be a non-empty string but is .*; shown as UNKNOWN$/);
    });
  }

  it('malformed project_id, dates and error message read as null, each warned', () => {
    const { value, warnings } = collect((w) =>
      parseJob({ ...JOB, project_id: 1, created_at: 'later', updated_at: 2, error_message: ['boom'] }, 'response', w),
    );
    assert.deepStrictEqual([value.project_id, value.created_at, value.updated_at, value.error_message], [null, null, null, null]);
    assert.deepStrictEqual(
      warnings.map((w) => w.path),
      ['response.project_id', 'response.created_at', 'response.updated_at', 'response.error_message'],
    );
  });

  it('rules: null or absent are none; not an array, odd rules and odd fields are reported', () => {
    assert.deepStrictEqual(parseJob({ ...JOB, rules: null }).rules, []);
    assert.deepStrictEqual(parseJob({ id: 'j', status: 'PENDING' }).rules, []);
    const notArray = collect((w) => parseJob({ ...JOB, rules: 'invoice' }, 'response', w));
    assert.deepStrictEqual(notArray.value.rules, []);
    assert.deepStrictEqual(
      notArray.warnings.map((w) => w.message),
      ['field `response.rules` should be an array but is a string ("invoice"); shown as no rules'],
    );
    const odd = collect((w) => parseJob({ ...JOB, rules: [{ type: 'a', description: 'b' }, 'c', { type: 4 }, { description: null }] }, 'response', w));
    assert.deepStrictEqual(odd.value.rules, [
      { type: 'a', description: 'b' },
      { type: '', description: '' },
      { type: '', description: '' },
    ]);
    assert.deepStrictEqual(
      odd.warnings.map((w) => [w.path, w.pattern]),
      [
        ['response.rules[1]', 'response.rules[]'],
        ['response.rules[2].type', 'response.rules[].type'],
      ],
    );
    assert.strictEqual(odd.warnings[0].message, 'field `response.rules[1]` should be an object but is a string ("c"); the rule is skipped');
  });

  it('a job without a usable id is refused', () => {
    assert.throws(() => parseJob({ ...JOB, id: '' }), /`response\.id` should be a non-empty string/);
    assert.throws(() => parseJob('job'), /`response` should be an object but is a string/);
  });

  it('a jobs page keeps its jobs when display fields are malformed', () => {
    const { value, warnings } = collect((w) =>
      parseJobsPage({ items: [JOB, { id: 'k', status: 7 }], next_page_token: 't', total_size: 'two' }, w),
    );
    assert.deepStrictEqual(
      value.items.map((j) => [j.id, j.status]),
      [
        ['j', 'SUCCESS'],
        ['k', 'UNKNOWN'],
      ],
    );
    assert.strictEqual(value.next_page_token, 't');
    assert.strictEqual(value.total_size, null);
    assert.deepStrictEqual(
      warnings.map((w) => w.pattern),
      ['items[].status', 'response.total_size'],
    );
    assert.strictEqual(parseJobsPage({ items: [], total_size: 4 }).total_size, 4);
  });
});

describe('file parsing', () => {
  it('reads a file; file_type and file_size are optional', () => {
    assert.deepStrictEqual(parseFile({ id: 'f', name: 'a.pdf', file_type: 'pdf', file_size: 0, project_id: 'p' }), {
      id: 'f',
      name: 'a.pdf',
      file_type: 'pdf',
      file_size: 0,
    });
    assert.deepStrictEqual(parseFile({ id: 'f', name: 'a.pdf' }), { id: 'f', name: 'a.pdf', file_type: null, file_size: null });
  });

  it('a malformed file_type or a size that is not a whole number ≥ 0 reads as null and warns', () => {
    for (const size of [-1, 1.5, '10', Number.POSITIVE_INFINITY]) {
      const { value, warnings } = collect((w) => parseFile({ id: 'f', name: 'a', file_type: 3, file_size: size }, 'items[0]', w));
      assert.deepStrictEqual(value, { id: 'f', name: 'a', file_type: null, file_size: null });
      assert.deepStrictEqual(
        warnings.map((w) => w.path),
        ['items[0].file_type', 'items[0].file_size'],
      );
    }
  });

  it('a single file without a usable name is refused', () => {
    assert.throws(() => parseFile({ id: 'f', name: '' }), /`response\.name` should be a non-empty string/);
    assert.throws(() => parseFile({ name: 'a' }), /`response\.id`/);
  });

  it('a files page skips files without a usable id or name, reporting each with its path', () => {
    const { value, warnings } = collect((w) =>
      parseFilesPage({ items: [{ id: 'f1', name: 'a' }, { id: 'f2', name: 5 }, { name: 'c' }, null, { id: 'f5', name: 'e' }] }, w),
    );
    assert.deepStrictEqual(
      value.map((f) => f.id),
      ['f1', 'f5'],
    );
    assert.deepStrictEqual(
      warnings.map((w) => [w.path, w.pattern]),
      [
        ['items[1].name', 'items[].name'],
        ['items[2].id', 'items[].id'],
        ['items[3]', 'items[]'],
      ],
    );
    assert.strictEqual(
      warnings[0].message,
      'field `items[1].name` should be a non-empty string but is a number (5); that file is skipped and shown without a name',
    );
  });

  it('a files page whose items are unusable is refused', () => {
    assert.throws(() => parseFilesPage({ items: null }), /`response\.items` should be an array but is null/);
    assert.throws(() => parseFilesPage(7), /`response` should be an object but is a number \(7\)/);
  });
});

describe('error bodies', () => {
  it('reads FastAPI detail strings and validation lists', () => {
    assert.deepStrictEqual(parseErrorDetail({ detail: 'Nope' }), { detail: 'Nope' });
    assert.deepStrictEqual(
      parseErrorDetail({
        detail: [
          { loc: ['query', 'page_size', 0, { x: 1 }], msg: 'too big', type: 'value_error' },
          { loc: 'body', msg: 3 },
          'junk',
          null,
        ],
      }),
      {
        validation: [
          { loc: ['query', 'page_size', 0], msg: 'too big', type: 'value_error' },
          { loc: [], msg: 'invalid value', type: undefined },
        ],
        detail: 'query.page_size.0: too big; : invalid value',
      },
    );
  });

  it('falls back to `message`, and to nothing for anything else', () => {
    assert.deepStrictEqual(parseErrorDetail({ message: 'Gateway says no' }), { detail: 'Gateway says no' });
    assert.deepStrictEqual(parseErrorDetail({ detail: 5, message: 7 }), {});
    assert.deepStrictEqual(parseErrorDetail(undefined), {});
    assert.deepStrictEqual(parseErrorDetail(null), {});
    assert.deepStrictEqual(parseErrorDetail('Bad Gateway'), {});
    assert.deepStrictEqual(parseErrorDetail([{ detail: 'x' }]), {});
  });
});

describe('rawOf: each result as the server sent it', () => {
  it('results of a page keep their sent object (unknown fields, a NaN string); other parsed items have none', () => {
    const sent = { id: 'a', classify_job_id: 'j', result: { type: 7, confidence: 'NaN', reasoning: 'r', extra: 1 }, more: [1] };
    const page = parseResultsPage({ items: [sent], next_page_token: null });
    assert.strictEqual(rawOf(page.items[0]), sent);
    assert.deepStrictEqual(Object.keys(page.items[0]).sort(), ['classify_job_id', 'created_at', 'file_id', 'id', 'result', 'updated_at'], 'the parsed item keeps its shape');
    assert.strictEqual(rawOf(parseFileClassification(sent, 'items[0]')), undefined);
  });
});
