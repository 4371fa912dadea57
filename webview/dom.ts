/**
 * DOM helpers. User data (CSV headers, file names, values) only ever reaches the page through text nodes
 * and attribute setters — never innerHTML — so a header like `<img src=x onerror=alert(1)>` shows literally.
 */
import { parseCell } from '../src/core/csv/numbers';
import type { Note } from '../src/shared/protocol';

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined>;

/** Create an element; string children become text nodes, attributes go through setAttribute. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replace an element's children. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`webview: #${id} missing`);
  return el as T;
}

/** A labelled form field: <label for=id>text</label> + control (+ hint), keyboard-reachable by construction. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const wrap = h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
  if (hint) {
    const hintId = `${control.id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    wrap.appendChild(h('div', { class: 'hint', id: hintId }, hint));
  }
  return wrap;
}

/**
 * Read a positive quantity the way the CSV reader does (1e23, 5.76e23, 2T, 1.3B, 500M): one parser for
 * numbers typed by people, in files or in forms. Returns null for anything else.
 */
export function readQuantity(text: string): number | null {
  const c = parseCell(text.replace(/[_,\s]/g, ''));
  return c.kind === 'number' && Number.isFinite(c.value) ? c.value : null;
}

export function noteList(notes: Note[], className = 'notes'): HTMLElement {
  return h('ul', { class: className }, ...notes.map((n) => h('li', { class: `note ${n.severity}`, 'data-code': n.code },
    h('span', { class: 'badge', 'aria-label': n.severity }, n.severity === 'info' ? 'ℹ' : n.severity === 'warning' ? '⚠' : '✖'),
    ' ', n.text)));
}

/** Debounce: the planner recomputes as the user types, but not on every keystroke. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    if (t !== undefined) clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}
