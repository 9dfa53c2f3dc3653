/**
 * The Agenda element (PROTOCOL §7.1): a one-day agenda for the token's primary sub.
 *
 * @example
 *   Agenda({ element_token: token, target_id: 'cronofy-agenda', api_domain: 'https://cal.example.com', tzid: 'Europe/Berlin' });
 */
import type { AgendaOptions, ElementFactory } from '../api.js';
import { mount, type ElementDefinition } from '../lib/element.js';
import { validateAgenda, type AgendaResolved } from './options.js';
import { AGENDA_CSS } from './styles.js';
import { AgendaView } from './view.js';

/** How the base mounts an Agenda. */
export const AGENDA: ElementDefinition<AgendaResolved> = {
  display: 'Agenda View',
  slug: 'agenda',
  prefix: 'CronofyAgenda',
  css: AGENDA_CSS,
  validate: validateAgenda,
  create: (ctx) => new AgendaView(ctx),
};

/** Mounts an Agenda into `options.target_id`; `false` when the target does not exist. */
export const Agenda: ElementFactory<AgendaOptions> = function Agenda(options: AgendaOptions) {
  return mount<AgendaResolved, AgendaOptions>(AGENDA, options);
};
