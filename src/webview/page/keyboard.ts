// Keyboard of the result page: Alt+Left / Alt+Right, [ and ], k and j move; while reviewing, c and w mark
// the result Correct / Wrong type and n / p move too. Pure, so unit tested.
import type { WebviewToHost } from '../protocol';

/** The two navigation messages. */
export type Direction = Extract<WebviewToHost['type'], 'prev' | 'next'>;

/** The fields of a KeyboardEvent the mapping looks at. */
export interface KeyInput {
  key: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  defaultPrevented: boolean;
  target: EventTarget | null;
}

/** True when the key goes to something the user types into: those keys are theirs, not navigation. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const t = target as Partial<Pick<HTMLElement, 'isContentEditable' | 'tagName'>> | null;
  return !!t && (!!t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA');
}

/** The direction a key press asks for, or null: Ctrl/Cmd chords, handled events and typing are ignored. */
export function navigationKey(e: KeyInput): Direction | null {
  if (e.ctrlKey || e.metaKey || e.defaultPrevented) { return null; }
  if (isTypingTarget(e.target)) { return null; }
  if (e.altKey && !e.shiftKey) {
    if (e.key === 'ArrowLeft') { return 'prev'; }
    if (e.key === 'ArrowRight') { return 'next'; }
  } else if (!e.altKey) {
    if (e.key === '[' || e.key === 'k') { return 'prev'; }
    if (e.key === ']' || e.key === 'j') { return 'next'; }
  }
  return null;
}

/** What a key asks for while the panel walks the review queue (besides the keys above), or null. */
export type ReviewAction = 'correct' | 'wrong' | Direction;

/** c: Correct, w: Wrong type, n: next, p: previous. Same guards as navigation; only plain keys. */
export function reviewKey(e: KeyInput): ReviewAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTypingTarget(e.target)) { return null; }
  switch (e.key) {
    case 'c':
      return 'correct';
    case 'w':
      return 'wrong';
    case 'n':
      return 'next';
    case 'p':
      return 'prev';
    default:
      return null;
  }
}
