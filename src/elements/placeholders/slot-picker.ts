/**
 * SlotPicker (PROTOCOL §7.2): options are validated; the picker itself is not built yet.
 */
import type { ElementFactory, SlotPickerOptions } from '../api.js';
import { validateQuery } from '../lib/availability-query.js';
import { checkEnum, checkLocaleModifiers } from '../lib/checks.js';
import { mount, type ElementDefinition } from '../lib/element.js';
import { noticeView } from './notice.js';

/** Aliases of the three availability elements. */
export const QUERY_ALIAS = { from: 'query', to: 'availability_query' } as const;

const SLOT_PICKER: ElementDefinition<unknown> = {
  display: 'Slot Picker',
  slug: 'slot-picker',
  prefix: 'SlotPicker',
  aliases: [QUERY_ALIAS],
  css: '',
  validate(raw, common, report) {
    const query = validateQuery(raw, { slots: true, sequence: false, emptyPeriodsWarn: false }, report);
    const mode = checkEnum(common.config, 'mode', ['confirm', 'no_confirm'], 'confirm', report, true);
    checkLocaleModifiers(raw.locale_modifiers, report);
    return { query, mode };
  },
  create: noticeView,
};

/** Mounts a SlotPicker (validation and a "not available yet" panel for now). */
export const SlotPicker: ElementFactory<SlotPickerOptions> = function SlotPicker(options: SlotPickerOptions) {
  return mount<unknown, SlotPickerOptions>(SLOT_PICKER, options);
};
