// A job's status as a person reads it. v1 and v2 use different words for the same states
// (reference §2.5/§2.6): SUCCESS/COMPLETED, ERROR/FAILED; v2 adds RUNNING. One table for both, so a
// v2 job reads the same as a v1 job. Unknown values are shown as sent, never hidden.

export type StatusTone = 'live' | 'succeeded' | 'partial' | 'failed' | 'cancelled' | 'unknown';

const WORDS: Record<string, { word: string; tone: StatusTone }> = {
  PENDING: { word: 'Pending', tone: 'live' },
  RUNNING: { word: 'Running', tone: 'live' },
  SUCCESS: { word: 'Succeeded', tone: 'succeeded' },
  COMPLETED: { word: 'Succeeded', tone: 'succeeded' },
  PARTIAL_SUCCESS: { word: 'Partly succeeded', tone: 'partial' },
  ERROR: { word: 'Failed', tone: 'failed' },
  FAILED: { word: 'Failed', tone: 'failed' },
  CANCELLED: { word: 'Cancelled', tone: 'cancelled' },
  UNKNOWN: { word: 'Status unknown', tone: 'unknown' },
};

export interface StatusReading {
  word: string;
  tone: StatusTone;
}

/** "Succeeded" for SUCCESS/COMPLETED, …; an unknown value is shown as the server sent it. */
export function readStatus(status: string | undefined): StatusReading | undefined {
  if (!status) { return undefined; }
  return WORDS[status] ?? { word: status, tone: 'unknown' };
}

/** Not finished yet: worth polling (v1: PENDING; v2: PENDING, RUNNING). */
export function isLiveStatus(status: string | undefined): boolean {
  return readStatus(status)?.tone === 'live';
}

/** Statuses whose `error_message` explains what went wrong (ERROR, FAILED, PARTIAL_SUCCESS). */
export function showsErrorMessage(status: string | undefined): boolean {
  const tone = readStatus(status)?.tone;
  return tone === 'failed' || tone === 'partial';
}
