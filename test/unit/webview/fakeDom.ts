// A fake DOM for the summary and compare pages: elements by id from the real template, createElement,
// append/replaceChildren, data attributes and listeners. The markup-parsing APIs throw if touched.
import type { PageDom } from '../../../src/webview/page/dom';

type Listener = (event: unknown) => void;

export class FakeEl {
  textContent = '';
  hidden = false;
  title = '';
  className = '';
  children: FakeEl[] = [];
  readonly dataset: Record<string, string> = {};
  readonly style: Record<string, string> = {};
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, Listener[]>();
  constructor(
    readonly tagName: string,
    readonly id = '',
  ) {}
  setAttribute(name: string, value: string): void {
    if (/^(style|on)/i.test(name)) { throw new Error(`setAttribute(${name}) is not allowed`); }
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  append(...els: FakeEl[]): void {
    this.children.push(...els);
  }
  appendChild(el: FakeEl): FakeEl {
    this.children.push(el);
    return el;
  }
  replaceChildren(...els: FakeEl[]): void {
    this.children = [...els];
  }
  addEventListener(type: string, fn: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  click(): void {
    for (const fn of this.listeners.get('click') ?? []) { fn({ type: 'click', target: this }); }
  }
  /** All text below, as a browser's textContent getter would give it for built elements. */
  text(): string {
    return this.children.length ? this.children.map((c) => c.text()).join('') : this.textContent;
  }
  /** Depth-first descendants matching `pred`. */
  findAll(pred: (e: FakeEl) => boolean): FakeEl[] {
    return this.children.flatMap((c) => [...(pred(c) ? [c] : []), ...c.findAll(pred)]);
  }
  get innerHTML(): string {
    throw new Error('innerHTML used');
  }
  set innerHTML(_: string) {
    throw new Error('innerHTML used');
  }
  insertAdjacentHTML(): void {
    throw new Error('insertAdjacentHTML used');
  }
}

/** One FakeEl per id of the built template, with its tag and initial `hidden`. */
export function fakeDom(html: string): { dom: PageDom; el: (id: string) => FakeEl; created: FakeEl[] } {
  const els = new Map<string, FakeEl>();
  for (const m of html.matchAll(/<([a-z0-9]+) id="([^"]+)"([^>]*)>/g)) {
    const e = new FakeEl(m[1].toUpperCase(), m[2]);
    e.hidden = /\shidden\b/.test(m[3]);
    els.set(m[2], e);
  }
  const created: FakeEl[] = [];
  const el = (id: string) => {
    const e = els.get(id);
    if (!e) { throw new Error(`the page looked up #${id}, which the template does not have`); }
    return e;
  };
  const dom = {
    byId: (id: string) => el(id) as unknown as HTMLElement,
    create: (tag: string) => {
      const e = new FakeEl(tag.toUpperCase());
      created.push(e);
      return e as unknown as HTMLElement;
    },
  };
  return { dom, el, created };
}
