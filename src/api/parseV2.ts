// Lenient parsing of Classify v2 jobs (reference §2.6, SDK 2.16.0 `ClassifyGetResponse`), by the rules
// of parse.ts: only an unusable `id` (or `items`, or a page token) refuses a page; every display-only
// field that is malformed becomes null ("unknown") with one warning, so no job is ever lost.
// Where the sources disagree both spellings are read: `file_input` or `document_input_value` (staging
// docs), rules under `configuration.rules` or at the top level.
import {
  array,
  displayCount,
  displayDate,
  displayString,
  isObject,
  jobStatus,
  object,
  pageToken,
  parseResult,
  parseRules,
  requiredString,
  unusable,
  type Obj,
  type WarnFn,
} from './parse';
import type { ClassifyV2Job, ClassifyV2JobsPage } from './types';

const ignore: WarnFn = () => {};

/** `configuration`, or an empty object (with a warning) when it is not one: the rules are then unknown. */
function configuration(o: Obj, path: string, warn: WarnFn): Obj {
  const c = o.configuration;
  if (c === undefined || c === null) { return {}; }
  if (isObject(c)) { return c; }
  return unusable(warn, `${path}.configuration`, 'an object', c, {}, 'shown without rules or mode');
}

export function parseV2Job(value: unknown, path = 'response', warn: WarnFn = ignore): ClassifyV2Job {
  const o = object(value, path);
  const config = configuration(o, path, warn);
  const rulesAt = config.rules !== undefined ? config : o;
  const inputKey = o.file_input !== undefined && o.file_input !== null ? 'file_input' : 'document_input_value';
  return {
    id: requiredString(o, 'id', path),
    status: jobStatus(o, path, warn),
    file_input: displayString(o, inputKey, path, warn),
    document_input_type: displayString(o, 'document_input_type', path, warn),
    rules: parseRules(rulesAt, rulesAt === config ? `${path}.configuration` : path, warn),
    mode: displayString(config, 'mode', `${path}.configuration`, warn),
    configuration_id: displayString(o, 'configuration_id', path, warn),
    parse_job_id: displayString(o, 'parse_job_id', path, warn),
    error_message: displayString(o, 'error_message', path, warn),
    result: parseResult(o.result, `${path}.result`, warn),
    project_id: displayString(o, 'project_id', path, warn),
    created_at: displayDate(o, 'created_at', path, warn),
    updated_at: displayDate(o, 'updated_at', path, warn),
  };
}

/** `GET /api/v2/classify`: a PaginatedCursor page (`items`, `next_page_token`, optional `total_size`). */
export function parseV2JobsPage(body: unknown, warn: WarnFn = ignore): ClassifyV2JobsPage {
  const o = object(body, 'response');
  return {
    items: array(o, 'items', 'response').map((item, i) => parseV2Job(item, `items[${i}]`, warn)),
    next_page_token: pageToken(o, 'response'),
    total_size: displayCount(o, 'total_size', 'response', warn),
  };
}
