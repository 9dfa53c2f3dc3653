/**
 * CalendarSync (PROTOCOL §7.6): options are validated; the element itself is not built yet.
 */
import type { CalendarSyncOptions, ElementFactory } from '../api.js';
import { checkEnum } from '../lib/checks.js';
import { mount, type ElementDefinition } from '../lib/element.js';
import { isObject } from '../lib/json.js';
import { noticeView } from './notice.js';

const CALENDAR_SYNC: ElementDefinition<unknown> = {
  display: 'Calendar Sync',
  slug: 'calendar-sync',
  prefix: 'CalendarSync',
  tokenOptional: true,
  css: '',
  validate(raw, common, report) {
    const custom = typeof raw.authorization_url === 'string' && raw.authorization_url !== '';
    if (raw.authorization_url !== undefined && !custom) report.warn('authorization_url should be a non-empty string: it is ignored');
    if (!custom && !common.demo) {
      const auth = raw.authorization;
      if (!isObject(auth)) report.error('authorization', 'is required unless authorization_url is given');
      else
        for (const k of ['redirect_uri', 'client_id', 'scope'] as const) {
          if (typeof auth[k] !== 'string' || auth[k] === '') report.error(`authorization.${k}`, 'is required');
        }
    }
    if (raw.single_profile !== undefined && typeof raw.single_profile !== 'boolean') report.warn('single_profile should be a boolean');
    const revoke = checkEnum(common.config, 'revoke_mode', ['trigger_and_callback', 'callback_only'], 'trigger_and_callback', report, false);
    return { revoke };
  },
  create: noticeView,
};

/** Mounts a CalendarSync (validation and a "not available yet" panel for now). */
export const CalendarSync: ElementFactory<CalendarSyncOptions> = function CalendarSync(options: CalendarSyncOptions) {
  return mount<unknown, CalendarSyncOptions>(CALENDAR_SYNC, options);
};
