/**
 * A tiny DOM builder. Children that are strings become Text nodes, so server text can never
 * be parsed as HTML (PROTOCOL §6.10). Click handlers are kept in a WeakMap and dispatched by
 * one delegated listener per element (see `element.ts`), so re-rendering adds no listeners.
 */

/** Anything `h` accepts as a child. */
export type Child = Node | string | null | undefined | false | readonly Child[];

/** Attributes and the builder's own keys. */
export interface Props {
  /** Space-separated part names: each gives `part="<name>"` and class `<prefix>__<name>`. */
  p?: string;
  /** Modifiers of the first part: class `<prefix>__<part>--<m>` and part `<part>-<m>`. */
  m?: ReadonlyArray<string | false | undefined>;
  /** Click (and Enter/Space on buttons) handler. */
  on?: () => void;
  /** CSS properties set through the CSSOM (custom properties included). */
  style?: Record<string, string>;
  [attr: string]: string | boolean | number | undefined | null | Props['m'] | Props['on'] | Props['style'];
}

/** Builds elements for one rendered element instance. */
export interface Builder {
  (tag: string, props?: Props | null, ...children: Child[]): HTMLElement;
  /** Actions registered by `on`, looked up by the delegated listener. */
  readonly actions: WeakMap<Element, () => void>;
}

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (typeof child === 'string') parent.appendChild(document.createTextNode(child));
  else if (Array.isArray(child)) for (const c of child as Child[]) append(parent, c);
  else parent.appendChild(child as Node);
}

/**
 * Makes a builder whose part names become classes with `prefix`.
 *
 * @example
 *   const h = builder('CronofyAgenda');
 *   h('button', { p: 'nav', 'aria-label': 'Next day', on: next }, '›');
 */
export function builder(prefix: string): Builder {
  const actions = new WeakMap<Element, () => void>();
  const h = (tag: string, props?: Props | null, ...children: Child[]): HTMLElement => {
    const el = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (k === 'p' || k === 'm' || v === undefined || v === null || v === false) continue;
        if (k === 'on') actions.set(el, v as () => void);
        else if (k === 'style') for (const [prop, val] of Object.entries(v as Record<string, string>)) el.style.setProperty(prop, val);
        else el.setAttribute(k, v === true ? '' : String(v));
      }
      if (props.p) {
        const parts = props.p.split(' ');
        const first = parts[0] ?? '';
        const mods = (props.m ?? []).filter((x): x is string => typeof x === 'string' && x !== '');
        el.className = [...parts.map((x) => `${prefix}__${x}`), ...mods.map((x) => `${prefix}__${first}--${x}`)].join(' ');
        el.setAttribute('part', [...parts, ...mods.map((x) => `${first}-${x}`)].join(' '));
      }
    }
    for (const c of children) append(el, c);
    return el;
  };
  return Object.assign(h, { actions });
}

/** An inline decorative SVG icon (24×24 view box) drawn with one path. */
export function icon(d: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  svg.appendChild(path);
  return svg;
}

/** True for absolute `http:` / `https:` URLs: the only links the library renders. */
export function isSafeLink(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
