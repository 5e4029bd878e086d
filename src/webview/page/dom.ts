// The little DOM toolkit the summary and compare pages build with. Text goes in with textContent
// only, styles through the CSSOM only (the CSP forbids style attributes and inline script).
// `PageDom` is what the renderers get, so unit tests can hand them a fake document.

export interface PageDom {
  byId(id: string): HTMLElement;
  create(tag: string): HTMLElement;
}

/** The real document, for the page scripts. */
export function documentDom(doc: Document): PageDom {
  return { byId: (id) => doc.getElementById(id) as HTMLElement, create: (tag) => doc.createElement(tag) };
}

/** A new element with text (as text), a class and data attributes. */
export function make(dom: PageDom, tag: string, text?: string, cls?: string, data: Record<string, string> = {}): HTMLElement {
  const e = dom.create(tag);
  if (text !== undefined) { e.textContent = text; }
  if (cls) { e.className = cls; }
  for (const [k, v] of Object.entries(data)) { e.dataset[k] = v; }
  return e;
}

/** A bar: a track with a fill sized through the CSSOM (0..100 %, anything else is 0). */
export function bar(dom: PageDom, percent: number, vertical = false): HTMLElement {
  const track = make(dom, 'div', undefined, vertical ? 'bar-track vertical' : 'bar-track');
  track.setAttribute('aria-hidden', 'true'); // the numbers are in the text beside it
  const fill = make(dom, 'div', undefined, 'bar-fill');
  const p = Number.isFinite(percent) ? Math.min(100, Math.max(0, percent)) : 0;
  if (vertical) { fill.style.height = `${p}%`; }
  else { fill.style.width = `${p}%`; }
  track.appendChild(fill);
  return track;
}

export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
