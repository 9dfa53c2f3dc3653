/**
 * The element base (PROTOCOL §6.2, §6.5, §6.6): mounts into the target's shadow root,
 * validates options, renders the configuration error box, and hands valid options to the
 * element's view. One click and one keydown listener per mount, whatever happens later.
 */
import type { CommonOptions, ElementDisplayName, ElementHandle } from '../api.js';
import { builder, type Builder } from './dom.js';
import { Notifier, consoleThreshold } from './notify.js';
import { COMMON_ALIASES, mergeOptions, renameAliases, validateCommon, type Alias, type CommonResolved, type RawOptions } from './options.js';
import type { PhraseKey } from './phrases.js';
import { Report } from './report.js';
import { BASE_CSS, adoptStyles } from './styles.js';
import { isObject } from './json.js';
import { apiBase } from './domains.js';

/** What a view gets on creation and on every update. */
export interface ViewContext<O> {
  common: CommonResolved;
  options: O;
  h: Builder;
  /** The element's container inside the shadow root. The view owns its children. */
  root: HTMLElement;
  notifier: Notifier;
  t: (key: PhraseKey) => string;
}

/** An element's rendering and data loading for valid options. */
export interface View<O> {
  /** New options (after `update`): re-render and reload, keeping what the user did where sensible. */
  update(ctx: ViewContext<O>): void;
  /** Reload with the same options. */
  refresh(): void;
  /** Stop loading; the view is being replaced. */
  destroy(): void;
  /** Keyboard handling beyond native buttons. */
  keydown?(e: KeyboardEvent): void;
}

/** Everything the base needs to know about one element. */
export interface ElementDefinition<O> {
  display: ElementDisplayName;
  /** Used for the default target id and the documentation URL. */
  slug: string;
  /** Default CSS class prefix. */
  prefix: string;
  tokenOptional?: boolean;
  aliases?: readonly Alias[];
  /** Element CSS; `.@name` selectors become `.<prefix>__name`. */
  css: string;
  validate(raw: RawOptions, common: CommonResolved, report: Report): O;
  create(ctx: ViewContext<O>): View<O>;
}

/** Where a previous mount on the same target keeps its teardown (shared across script loads). */
const MOUNTED = Symbol.for('kairos.elements.mounted');
type Mountable = HTMLElement & { [MOUNTED]?: () => void };

const DEMO_WARNING = 'You are running in demo mode. No API requests will be made';

function shadowFor(target: Mountable): ShadowRoot {
  if (target.shadowRoot) return target.shadowRoot;
  try {
    return target.attachShadow({ mode: 'open' });
  } catch {
    // Elements such as <ul> cannot host a shadow root: use a child that can.
    const host = document.createElement('div');
    target.replaceChildren(host);
    return host.attachShadow({ mode: 'open' });
  }
}

class Mount<O> {
  private raw: RawOptions;
  private view: View<O> | null = null;
  private h: Builder;
  private prefix: string;
  private readonly shadow: ShadowRoot;
  private readonly root: HTMLElement;
  private readonly listeners = new AbortController();
  tzid = 'UTC';

  constructor(
    private readonly def: ElementDefinition<O>,
    target: Mountable,
    raw: RawOptions,
  ) {
    this.raw = raw;
    target[MOUNTED]?.();
    this.shadow = shadowFor(target);
    this.root = document.createElement('div');
    this.shadow.replaceChildren(this.root);
    this.prefix = def.prefix;
    this.h = builder(def.prefix);
    const signal = this.listeners.signal;
    this.shadow.addEventListener('click', (e) => this.onClick(e), { signal });
    this.shadow.addEventListener('keydown', (e) => this.view?.keydown?.(e as KeyboardEvent), { signal });
    target[MOUNTED] = () => this.destroy();
  }

  private onClick(e: Event): void {
    for (const node of e.composedPath()) {
      if (node === this.shadow) return;
      const action = node instanceof Element ? this.h.actions.get(node) : undefined;
      if (action) {
        action();
        return;
      }
    }
  }

  /** Validates the current options and renders either the error box or the view. */
  apply(pre: Report): void {
    const def = this.def;
    const report = new Report();
    const common = validateCommon(this.raw, { prefix: def.prefix, tokenOptional: def.tokenOptional ?? false }, report);
    const options = def.validate(this.raw, common, report);
    const notifier = notifierFor(this.def, this.raw);
    this.tzid = common.tzid;
    for (const m of [...pre.infos, ...report.infos]) notifier.log('info', m);
    if (common.demo) notifier.log('warn', DEMO_WARNING);
    for (const m of [...pre.warnings, ...report.warnings]) notifier.log('warn', m);

    if (this.prefix !== common.prefix) {
      this.prefix = common.prefix;
      this.h = builder(common.prefix);
    }
    adoptStyles(this.shadow, `${def.slug}|${common.prefix}`, () => (BASE_CSS + def.css).replace(/\.@/g, `.${common.prefix}__`));
    const root = this.root;
    root.removeAttribute('style');
    root.className = `${common.prefix}__root`;
    root.setAttribute('part', 'root');
    root.lang = common.locale.intl;
    root.dir = common.locale.dir;
    for (const [k, v] of Object.entries(common.colors)) {
      root.style.setProperty(`--kairos-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, v);
    }
    const t = (key: PhraseKey): string => common.phrases.t(key);

    if (report.failed) {
      this.view?.destroy();
      this.view = null;
      const h = this.h;
      const title = t('core.config_error');
      root.replaceChildren(
        h(
          'div',
          { p: 'config-error', role: 'alert' },
          h('p', { p: 'config-error-title' }, title),
          h('ul', null, Object.entries(report.errors).map(([path, msgs]) => msgs.map((m) => h('li', null, h('code', null, path), ` ${m}`)))),
        ),
      );
      notifier.log('error', title, report.errors);
      return;
    }
    const ctx: ViewContext<O> = { common, options, h: this.h, root, notifier, t };
    if (this.view) this.view.update(ctx);
    else this.view = def.create(ctx);
  }

  update(partial: unknown): void {
    if (partial === undefined || !isObject(partial)) {
      notifierFor(this.def, this.raw).log('warn', 'update() needs an object of options to change: nothing was updated');
      return;
    }
    const pre = new Report();
    const renamed = renameAliases(partial, [...COMMON_ALIASES, ...(this.def.aliases ?? [])], pre);
    this.raw = mergeOptions(this.raw, renamed);
    this.apply(pre);
  }

  refresh(): void {
    if (this.view) this.view.refresh();
    else this.apply(new Report());
  }

  /** Tears the mount down when another one takes over its target. */
  destroy(): void {
    this.view?.destroy();
    this.view = null;
    this.listeners.abort();
  }
}

/**
 * Mounts an element: the body of every factory. Returns the element object, or `false` when
 * the target does not exist. Never throws for bad options.
 */
export function mount<O, P extends CommonOptions>(def: ElementDefinition<O>, input: unknown): ElementHandle<P> | false {
  const pre = new Report();
  const given: RawOptions = isObject(input) ? input : {};
  if (!isObject(input)) pre.warn('options should be an object');
  const raw = renameAliases(given, [...COMMON_ALIASES, ...(def.aliases ?? [])], pre);
  if (typeof raw.target_id !== 'string' || raw.target_id === '') {
    const fallback = `cronofy-element-${def.slug}`;
    pre.warn(`No target_id was given: using ${fallback}`);
    raw.target_id = fallback;
  }
  const targetId = raw.target_id as string;
  const target = typeof document === 'object' ? document.getElementById(targetId) : null;
  if (!target) {
    const notifier = notifierFor(def, raw);
    for (const m of pre.warnings) notifier.log('warn', m);
    notifier.log('error', `\`${targetId}\` is not a valid DOM element`);
    return false;
  }
  const m = new Mount(def, target, raw);
  m.apply(pre);
  return {
    update: (partial?: Partial<P>) => m.update(partial),
    refresh: () => m.refresh(),
    context: Object.defineProperty({} as { readonly tzid: string }, 'tzid', { get: () => m.tzid, enumerable: true }),
  };
}

/** A notifier built straight from raw options (callback and `config.logs`). */
function notifierFor<O>(def: ElementDefinition<O>, raw: RawOptions): Notifier {
  const cb = typeof raw.callback === 'function' ? (raw.callback as ConstructorParameters<typeof Notifier>[2]) : undefined;
  const logs = isObject(raw.config) ? raw.config.logs : undefined;
  const url = `${apiBase({ api_domain: raw.api_domain, data_center: raw.data_center })}/docs/elements/${def.slug}`;
  return new Notifier(def.display, url, cb, consoleThreshold(logs));
}
