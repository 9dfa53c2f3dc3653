/**
 * The Agenda view (PROTOCOL §7.1): a day header with previous / Today / next, the all-day
 * section, timed events, and expandable details. Loads a 15-day window and reloads only when
 * the active date leaves it. The latest load wins; older ones are aborted.
 */
import { addDays, dateInZone, dayBounds, zoneOffset } from '../lib/dates.js';
import { icon } from '../lib/dom.js';
import { MESSAGES } from '../lib/http.js';
import type { View, ViewContext } from '../lib/element.js';
import { AgendaFormats } from './format.js';
import { loadWindow, type WindowData } from './load.js';
import { bucketDay, inWindow, requestWindow, type AgendaItem } from './model.js';
import type { AgendaResolved } from './options.js';

type Ctx = ViewContext<AgendaResolved>;

const ICON_PREV = 'M15.4 7.4 14 6l-6 6 6 6 1.4-1.4-4.6-4.6z';
const ICON_NEXT = 'M8.6 16.6 10 18l6-6-6-6-1.4 1.4 4.6 4.6z';
const ICON_REPEAT = 'M7 7h10v3l4-4-4-4v3H5v6h2zm10 10H7v-3l-4 4 4 4v-3h12v-6h-2z';

/** The Agenda's view. */
export class AgendaView implements View<AgendaResolved> {
  private ctx: Ctx;
  private active: string;
  private window: { from: string; to: string } | null = null;
  private data: WindowData | null = null;
  private failed = false;
  private abort: AbortController | null = null;
  private readonly expanded = new Set<string>();
  private fmt: AgendaFormats;
  private title: HTMLElement | null = null;
  private body: HTMLElement | null = null;
  private ids = 0;

  constructor(ctx: Ctx) {
    this.ctx = ctx;
    this.active = ctx.options.startDate ?? this.today();
    this.fmt = new AgendaFormats(ctx.common.locale.intl, ctx.common.tzid);
    this.build();
    this.load();
  }

  update(ctx: Ctx): void {
    const startChanged = ctx.options.startDate !== this.ctx.options.startDate;
    this.ctx = ctx;
    if (startChanged) this.active = ctx.options.startDate ?? this.today();
    this.fmt = new AgendaFormats(ctx.common.locale.intl, ctx.common.tzid);
    this.build();
    this.load();
  }

  refresh(): void {
    this.load();
  }

  destroy(): void {
    this.abort?.abort();
    this.abort = null;
  }

  keydown(e: KeyboardEvent): void {
    const inHeader = e.composedPath().some((n) => n instanceof Element && n.getAttribute('part')?.split(' ').includes('header'));
    if (!inHeader || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
    const forward = (e.key === 'ArrowRight') !== (this.ctx.common.locale.dir === 'rtl');
    e.preventDefault();
    this.go(addDays(this.active, forward ? 1 : -1));
  }

  private today(): string {
    return dateInZone(Date.now(), this.ctx.common.tzid);
  }

  /** Moves to `date`, loading when it leaves the loaded window or the last load failed. */
  private go(date: string): void {
    this.active = date;
    if (this.title) this.title.textContent = this.fmt.longDate(date);
    if (inWindow(date, this.window) && !this.failed) this.renderBody();
    else this.load();
  }

  private load(): void {
    this.abort?.abort();
    const ac = new AbortController();
    this.abort = ac;
    this.window = requestWindow(this.active);
    this.data = null;
    this.failed = false;
    this.renderBody();
    const { common, options, notifier } = this.ctx;
    const req = { mode: options.mode, ...this.window, tzid: common.tzid, token: common.token, apiBase: common.apiBase, demo: common.demo, signal: ac.signal };
    const fail = (message: string, errors: Record<string, unknown> = {}): void => {
      this.failed = true;
      notifier.log('error', message, errors);
    };
    loadWindow(req).then(
      (r) => {
        if (ac.signal.aborted) return;
        if (r.ok) this.data = r.data;
        else fail(r.message, r.errors);
        this.renderBody();
      },
      () => {
        // Aborted loads are dropped silently; anything else is reported like a failed call.
        if (ac.signal.aborted) return;
        fail(MESSAGES.generic);
        this.renderBody();
      },
    );
  }

  private build(): void {
    const { h, t, root } = this.ctx;
    this.title = h('p', { p: 'title', 'aria-live': 'polite' }, this.fmt.longDate(this.active));
    const nav = (part: string, label: string, path: string, step: number): HTMLElement =>
      h('button', { p: `nav ${part}`, type: 'button', 'aria-label': label, title: label, on: () => this.go(addDays(this.active, step)) }, icon(path));
    const header = h(
      'div',
      { p: 'header' },
      this.title,
      h(
        'div',
        { p: 'controls' },
        nav('previous', t('agenda.previous'), ICON_PREV, -1),
        h('button', { p: 'today', type: 'button', on: () => this.go(this.today()) }, t('agenda.today')),
        nav('next', t('agenda.next'), ICON_NEXT, 1),
      ),
    );
    this.body = h('div', { p: 'body' });
    root.replaceChildren(h('section', { p: 'agenda', 'aria-label': t('agenda.label') }, header, this.body));
  }

  private renderBody(): void {
    const body = this.body;
    if (!body) return;
    const { h, t } = this.ctx;
    body.removeAttribute('aria-busy');
    if (this.failed) {
      body.replaceChildren(h('p', { p: 'error', role: 'alert' }, t('core.global_error')));
      return;
    }
    if (!this.data) {
      body.setAttribute('aria-busy', 'true');
      body.replaceChildren(h('p', { p: 'loading', role: 'status' }, t('core.loading')));
      return;
    }
    const tz = this.ctx.common.tzid;
    const day = bucketDay(this.data.items, this.active, tz);
    const [start, end] = dayBounds(this.active, tz);
    const showZone = zoneOffset(start, tz) !== zoneOffset(end - 1, tz);
    const parts: HTMLElement[] = [];
    if (day.allDay.length > 0) {
      const label = h('p', { p: 'section-label', id: 'all-day-label' }, t('agenda.all_day'));
      parts.push(label, h('ul', { p: 'list all-day', 'aria-labelledby': 'all-day-label' }, day.allDay.map((i) => this.row(i, true, showZone))));
    }
    if (day.timed.length > 0) {
      const rows = day.timed.map((i) => this.row(i, false, showZone));
      // Under an "All day" section, the timed list needs a visible heading of its own, or it
      // reads as part of the all-day section.
      if (day.allDay.length > 0) {
        parts.push(h('p', { p: 'section-label', id: 'events-label' }, t('agenda.events')), h('ul', { p: 'list events', 'aria-labelledby': 'events-label' }, rows));
      } else {
        parts.push(h('ul', { p: 'list events', 'aria-label': t('agenda.events') }, rows));
      }
    }
    if (parts.length === 0) parts.push(h('p', { p: 'empty' }, t('agenda.no_events')));
    body.replaceChildren(...parts);
  }

  private summaryOf(item: AgendaItem): string {
    const { t } = this.ctx;
    if (item.kind === 'free_busy') {
      const known = { busy: t('agenda.busy'), tentative: t('agenda.tentative'), free: t('agenda.free') } as Record<string, string>;
      return known[item.summary] ?? item.summary;
    }
    return item.summary.trim() === '' ? '–' : item.summary;
  }

  private row(item: AgendaItem, allDay: boolean, showZone: boolean): HTMLElement {
    const { h, t, options } = this.ctx;
    const cal = this.data?.calendars.get(item.calendarId);
    const colors = options.calendarColors;
    const color = cal ? (colors[cal.index % colors.length] ?? '#5f6368') : '#5f6368';
    const id = `details-${++this.ids}`;
    const open = this.expanded.has(item.key);
    const details = this.details(item, cal?.name ?? '', id, open);
    const button = h(
      'button',
      { p: 'event-button', type: 'button', 'aria-expanded': String(open), 'aria-controls': id },
      h('span', { p: 'event-marker', 'aria-hidden': 'true', style: { background: color } }),
      h('span', { p: 'event-time' }, this.fmt.rowLabel(item, this.active, allDay, showZone, t('agenda.all_day'))),
      h('span', { p: 'event-summary' }, this.summaryOf(item)),
      h(
        'span',
        { p: 'event-flags' },
        item.recurring && h('span', { p: 'icon', title: t('agenda.recurring') }, icon(ICON_REPEAT), h('span', { p: 'sr' }, t('agenda.recurring'))),
        item.needsAction && h('span', { p: 'badge', m: ['unconfirmed'] }, t('agenda.unconfirmed')),
        item.transparent && h('span', { p: 'badge', m: ['free'] }, t('agenda.free')),
        item.cancelled && h('span', { p: 'badge', m: ['cancelled'] }, t('agenda.cancelled')),
      ),
    );
    this.ctx.h.actions.set(button, () => {
      const now = !this.expanded.has(item.key);
      if (now) this.expanded.add(item.key);
      else this.expanded.delete(item.key);
      button.setAttribute('aria-expanded', String(now));
      details.hidden = !now;
    });
    return h('li', { p: 'event', m: [item.needsAction && 'unconfirmed', item.transparent && 'free', item.cancelled && 'cancelled', allDay && 'all-day'] }, button, details);
  }

  private details(item: AgendaItem, calendarName: string, id: string, open: boolean): HTMLElement {
    const { h, t } = this.ctx;
    const entry = (label: string, value: string | string[]): HTMLElement[] => [
      h('dt', null, label),
      h('dd', null, Array.isArray(value) ? h('ul', null, value.map((v) => h('li', null, v))) : value),
    ];
    return h(
      'div',
      { p: 'event-details', id, hidden: !open },
      h(
        'dl',
        null,
        entry(t('agenda.time'), this.fmt.fullRange(item)),
        item.location !== '' && entry(t('agenda.location'), item.location),
        item.description !== '' && entry(t('agenda.description'), item.description),
        item.attendees.length > 1 && entry(t('agenda.attendees'), item.attendees),
        calendarName !== '' && entry(t('agenda.calendar'), calendarName),
      ),
    );
  }
}
