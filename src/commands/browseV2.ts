// `llamaClassify.browseV2` "Browse Classify v2 Jobs…": optional filters (each with a Skip choice; Escape
// cancels), then one node "Classify v2 · <filters>" whose rows are the matching jobs, paged with Load
// more by the same pager as a job's results (model/v2.ts adapts the jobs).
import type { V2ListFilters } from '../api/client';
import { parseFilterDate, V2_STATUSES } from '../model/v2';
import type { FilterRequest } from '../ui/prompts';
import type { CommandDeps } from './deps';

const dateProblem = (edge: 'start' | 'end') => (t: string) => {
  const parsed = parseFilterDate(t, edge);
  return parsed.ok ? undefined : parsed.message;
};

/** The four prompts, in order, and the filter each answer sets. */
const STEPS: [keyof V2ListFilters, string, Omit<FilterRequest, 'title'>][] = [
  ['status', 'status', { placeholder: 'Pick a status, or Skip to list jobs of any status', skipLabel: 'Skip — any status', choices: V2_STATUSES.map((s) => ({ label: s, value: s })) }],
  ['configurationId', 'configuration ID', {
    placeholder: 'Type a classify configuration ID, or Skip',
    skipLabel: 'Skip — any configuration',
    validateTyped: (t) => (/^[A-Za-z0-9_-]{1,128}$/.test(t.trim()) ? undefined : 'A configuration ID has only letters, digits, - and _.'),
  }],
  ['createdOnOrAfter', 'created on or after', { placeholder: 'Type a day (2026-10-01) or an ISO date-time, or Skip', skipLabel: 'Skip — no earliest date', validateTyped: dateProblem('start') }],
  ['createdOnOrBefore', 'created on or before', { placeholder: 'Type a day (2026-10-31) or an ISO date-time, or Skip', skipLabel: 'Skip — no latest date', validateTyped: dateProblem('end') }],
];

export async function browseV2(d: CommandDeps): Promise<void> {
  await d.view.focus();
  const ui = d.ui();
  const filters: V2ListFilters = {};
  const typed: Partial<Record<keyof V2ListFilters, string>> = {};
  for (const [i, [key, what, req]] of STEPS.entries()) {
    const answer = await ui.chooseFilter({ ...req, title: `Browse Classify v2 Jobs (${i + 1}/${STEPS.length}): ${what}` });
    if (answer === undefined) { return; } // Escape: nothing is added
    if (answer === null) { continue; } // Skip
    typed[key] = answer;
    const date = key === 'createdOnOrAfter' || key === 'createdOnOrBefore' ? parseFilterDate(answer, key === 'createdOnOrAfter' ? 'start' : 'end') : undefined;
    if (date && !date.ok) { throw new Error(date.message); } // the prompt validated it already
    filters[key] = date?.ok ? date.iso : answer;
  }
  if (filters.createdOnOrAfter && filters.createdOnOrBefore && filters.createdOnOrAfter > filters.createdOnOrBefore) {
    void ui.error(`“Created on or after” (${typed.createdOnOrAfter}) is later than “created on or before” (${typed.createdOnOrBefore}): no job can match. Browse again with other dates.`);
    return;
  }
  await d.view.showJob(await d.versions.rememberList(filters));
}
