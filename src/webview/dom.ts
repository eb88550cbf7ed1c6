/**
 * Small DOM helpers for the page. Data only ever goes in through textContent and attributes; each setter writes only
 * when the value differs, so an update that changes nothing mutates nothing (focus, selection and scroll are kept).
 */

export interface ElOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string | undefined>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  options: ElOptions = {},
  ...children: (Node | undefined)[]
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) if (value !== undefined) node.setAttribute(name, value);
  for (const c of children) if (c) node.appendChild(c);
  return node;
}

const skeletons = new WeakMap<Document, Map<string, Element>>();

/**
 * A copy of a static subtree built once per document by `build` (no data in it): one native cloneNode call instead
 * of an element, attribute and append call per node, which is what most of a first render costs.
 */
export function cloneSkeleton<T extends Element>(doc: Document, key: string, build: () => T): T {
  let byKey = skeletons.get(doc);
  if (!byKey) skeletons.set(doc, (byKey = new Map<string, Element>()));
  let t = byKey.get(key);
  if (!t) byKey.set(key, (t = build()));
  return t.cloneNode(true) as T;
}

/** A codicon element (decorative: hidden from screen readers, the text next to it says the same). */
export function icon(doc: Document, name: string, extraClass = ''): HTMLSpanElement {
  const span = el(doc, 'span', { className: iconClass(name, extraClass), attrs: { 'aria-hidden': 'true' } });
  return span;
}

/**
 * A class builder memoized by (name, extra class): a render asks for the same few dozen, hundreds of times. `name` is
 * a codicon name with an optional `~modifier` (e.g. `sync~spin`).
 */
function memoizedClasses(build: (base: string, modifier: string | undefined, extraClass: string) => (string | undefined)[]): (name: string, extraClass?: string) => string {
  const classes = new Map<string, string>();
  return (name, extraClass = '') => {
    const key = `${name}\u0000${extraClass}`;
    let cls = classes.get(key);
    if (cls === undefined) {
      const [base, modifier] = name.split('~');
      cls = build(base, modifier, extraClass).filter(Boolean).join(' ');
      if (classes.size < 1000) classes.set(key, cls);
    }
    return cls;
  };
}

/** The class of a codicon element. */
export const iconClass = memoizedClasses((base, modifier, extraClass) => ['codicon', `codicon-${base}`, modifier && `codicon-modifier-${modifier}`, extraClass]);

/**
 * The classes of an element that shows a codicon in its own `::before` instead of a child element: `glyph glyph-NAME`
 * (media/pipeline.css maps each name to the codicon's code point with empty alternative text, so screen readers skip
 * it like an aria-hidden icon), plus `glyph-spin` for a `~spin` name.
 */
export const glyphClass = memoizedClasses((base, modifier, extraClass) => [extraClass, 'glyph', `glyph-${base}`, modifier && `glyph-${modifier}`]);

export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

export function setAttr(node: Element, name: string, value: string | undefined): void {
  if (value === undefined) {
    if (node.hasAttribute(name)) node.removeAttribute(name);
  } else if (node.getAttribute(name) !== value) {
    node.setAttribute(name, value);
  }
}

export function setHidden(node: HTMLElement, hidden: boolean): void {
  setAttr(node, 'hidden', hidden ? '' : undefined);
}

export function setClassName(node: Element, className: string): void {
  if (node.getAttribute('class') !== className) node.setAttribute('class', className);
}

export function setDisabled(node: HTMLButtonElement | HTMLSelectElement | HTMLTextAreaElement, disabled: boolean): void {
  if (node.disabled !== disabled) node.disabled = disabled;
}

/**
 * Keyed list reconciliation: makes `container`'s children the components for `items`, in order, reusing the
 * component of each key (created once, then only updated), moving an element only when it is out of place, and
 * removing the components whose keys are gone.
 */
export function reconcile<T, C extends { el: HTMLElement; dispose?(): void }>(
  container: HTMLElement,
  components: Map<string, C>,
  items: readonly T[],
  key: (item: T) => string,
  create: (item: T) => C,
  update: (component: C, item: T) => void,
): void {
  const seen = new Set<string>();
  let cursor: ChildNode | null = container.firstChild;
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) continue; // duplicate keys: first one wins
    seen.add(k);
    let c = components.get(k);
    if (!c) {
      c = create(item);
      components.set(k, c);
    }
    update(c, item);
    if (cursor !== c.el) container.insertBefore(c.el, cursor);
    cursor = c.el.nextSibling;
  }
  for (const [k, c] of components) {
    if (!seen.has(k)) {
      c.el.remove();
      c.dispose?.();
      components.delete(k);
    }
  }
}
