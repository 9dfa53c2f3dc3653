/** Availability rules (PROTOCOL §5.9, §9.27): upsert, read, list, delete, validation and limits. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCalendar, bearer, expect202, expect422, expectError, personAccount, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { ok, postWith, putRule, weekdays } from '../helpers/availability.js';

const RULE = { availability_rule_id: 'work', tzid: 'Europe/Berlin', weekly_periods: weekdays('09:00', '17:00') };

describe('availability rules', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;

  beforeEach(async () => {
    h = await createHarness();
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
  });
  afterEach(async () => h.close());

  const upsert = (json: unknown) => postWith(h, '/v1/availability_rules', acc.accessToken, json);
  const get = (path: string) => h.call('GET', path, { headers: bearer(acc.accessToken) });
  const del = (id: string) => h.call('DELETE', `/v1/availability_rules/${id}`, { headers: bearer(acc.accessToken) });

  it('upsert answers 200 with the rule exactly as stored, calendar_ids always present', async () => {
    const periods = [
      { day: 'friday', start_time: '13:00', end_time: '24:00' },
      { day: 'monday', start_time: '00:00', end_time: '00:01' },
      { day: 'monday', start_time: '00:00', end_time: '12:00' },
    ];
    const b = await ok(await upsert({ ...RULE, weekly_periods: periods, extra: 'ignored' }));
    expect(b).toEqual({ availability_rule: { availability_rule_id: 'work', tzid: 'Europe/Berlin', calendar_ids: [], weekly_periods: periods } });
    expect(await ok(await get('/v1/availability_rules/work'))).toEqual(b);
  });

  it('replaces a rule whole, and allows an empty weekly_periods', async () => {
    const cal = await addCalendar(h, acc);
    await putRule(h, acc.accessToken, { ...RULE, calendar_ids: [cal] });
    const b = await putRule(h, acc.accessToken, { availability_rule_id: 'work', tzid: 'America/New_York', weekly_periods: [] });
    expect(b.availability_rule).toEqual({ availability_rule_id: 'work', tzid: 'America/New_York', calendar_ids: [], weekly_periods: [] });
    expect((await ok(await get('/v1/availability_rules'))).availability_rules).toEqual([b.availability_rule]);
  });

  it('read percent-decodes the id; an absent rule is a JSON 404', async () => {
    await putRule(h, acc.accessToken, { ...RULE, availability_rule_id: 'a+b:c~!' });
    expect((await ok(await get('/v1/availability_rules/a%2Bb%3Ac~!'))).availability_rule.availability_rule_id).toBe('a+b:c~!');
    expect((await ok(await get('/v1/availability_rules/a+b:c~!'))).availability_rule.availability_rule_id).toBe('a+b:c~!');
    await expectError(await get('/v1/availability_rules/missing'), 404, 'not_found');
    await expectError(await get('/v1/availability_rules/%ZZ'), 404, 'not_found');
  });

  it('an id of "." or "..", which no URL can address, is refused; ids that only hold dots among other characters are fine', async () => {
    for (const id of ['.', '..']) {
      const b = await expect422(await postWith(h, '/v1/availability_rules', acc.accessToken, { ...RULE, availability_rule_id: id }), { availability_rule_id: ['errors.invalid'] });
      expect(b.errors.availability_rule_id[0].description).toBe(`availability_rule_id cannot be "${id}": it is the path segment that reads and deletes the rule, and URLs drop "." and ".." segments`);
    }
    expect((await ok(await get('/v1/availability_rules'))).availability_rules).toEqual([]);
    for (const id of ['...', '.a', 'a..']) {
      await putRule(h, acc.accessToken, { ...RULE, availability_rule_id: id });
      expect((await ok(await get(`/v1/availability_rules/${id}`))).availability_rule.availability_rule_id).toBe(id);
    }
  });

  it('list is sorted by id bytewise and holds only this account and application', async () => {
    for (const id of ['b', 'B', 'a', '_', 'A1', 'a0']) await putRule(h, acc.accessToken, { ...RULE, availability_rule_id: id });
    const other = await personAccount(h, app.applicationId);
    await putRule(h, other.accessToken, { ...RULE, availability_rule_id: 'zzz' });
    const list = (await ok(await get('/v1/availability_rules'))).availability_rules;
    expect(list.map((r: { availability_rule_id: string }) => r.availability_rule_id)).toEqual(['A1', 'B', '_', 'a', 'a0', 'b']);
    expect(list[0].calendar_ids).toEqual([]);
  });

  it('an empty list is an empty array', async () => {
    expect(await ok(await get('/v1/availability_rules'))).toEqual({ availability_rules: [] });
  });

  it('delete answers 202 with an empty body, also when the rule does not exist', async () => {
    await putRule(h, acc.accessToken, RULE);
    await expect202(await del('work'));
    await expectError(await get('/v1/availability_rules/work'), 404, 'not_found');
    await expect202(await del('work'));
    await expect202(await del('never-was'));
  });

  it('at most 50 rules per account and application; replacing one is still allowed at the limit', async () => {
    for (let i = 0; i < 50; i++) await putRule(h, acc.accessToken, { ...RULE, availability_rule_id: `r${i}` });
    await expect422(await upsert({ ...RULE, availability_rule_id: 'r50' }), { availability_rule_id: ['errors.too_many'] });
    await putRule(h, acc.accessToken, { ...RULE, availability_rule_id: 'r7', weekly_periods: [] });
    // Another account, or the same account in another application, has its own 50.
    const other = await personAccount(h, app.applicationId);
    await putRule(h, other.accessToken, RULE);
    await expect202(await del('r0'));
    await putRule(h, acc.accessToken, { ...RULE, availability_rule_id: 'r50' });
  });

  it('weekly_periods: 500 allowed, 501 too many', async () => {
    const many = (n: number) => Array.from({ length: n }, () => ({ day: 'monday', start_time: '09:00', end_time: '10:00' }));
    expect((await putRule(h, acc.accessToken, { ...RULE, weekly_periods: many(500) })).availability_rule.weekly_periods).toHaveLength(500);
    await expect422(await upsert({ ...RULE, weekly_periods: many(501) }), { weekly_periods: ['errors.too_many'] });
  });

  const period = (p: Record<string, unknown>) => ({ ...RULE, weekly_periods: [{ day: 'monday', start_time: '09:00', end_time: '17:00', ...p }] });
  const cases: [string, Record<string, unknown>, Record<string, string[]>][] = [
    ['id absent', { ...RULE, availability_rule_id: undefined }, { availability_rule_id: ['errors.required'] }],
    ['id empty', { ...RULE, availability_rule_id: '' }, { availability_rule_id: ['errors.required'] }],
    ['id a number', { ...RULE, availability_rule_id: 5 }, { availability_rule_id: ['errors.invalid'] }],
    ['id with a space', { ...RULE, availability_rule_id: 'my rule' }, { availability_rule_id: ['errors.invalid'] }],
    ['id with a slash', { ...RULE, availability_rule_id: 'a/b' }, { availability_rule_id: ['errors.invalid'] }],
    ['id with a percent sign', { ...RULE, availability_rule_id: 'a%20' }, { availability_rule_id: ['errors.invalid'] }],
    ['id not ASCII', { ...RULE, availability_rule_id: 'café' }, { availability_rule_id: ['errors.invalid'] }],
    ['id of 65 characters', { ...RULE, availability_rule_id: 'x'.repeat(65) }, { availability_rule_id: ['errors.too_long'] }],
    ['tzid absent', { ...RULE, tzid: undefined }, { tzid: ['errors.required'] }],
    ['tzid unknown', { ...RULE, tzid: 'Mars/Olympus' }, { tzid: ['errors.invalid'] }],
    ['calendar_ids []', { ...RULE, calendar_ids: [] }, { calendar_ids: ['errors.required'] }],
    ['calendar_ids a string', { ...RULE, calendar_ids: 'cal_x' }, { calendar_ids: ['errors.invalid'] }],
    ['calendar_ids unknown', { ...RULE, calendar_ids: ['cal_doesnotexist'] }, { calendar_ids: ['errors.not_recognized'] }],
    ['weekly_periods absent', { ...RULE, weekly_periods: undefined }, { weekly_periods: ['errors.required'] }],
    ['weekly_periods an object', { ...RULE, weekly_periods: {} }, { weekly_periods: ['errors.invalid'] }],
    ['a period that is not an object', { ...RULE, weekly_periods: ['monday'] }, { weekly_periods: ['errors.invalid'] }],
    ['day Monday', period({ day: 'Monday' }), { weekly_periods: ['errors.not_recognized'] }],
    ['day mon', period({ day: 'mon' }), { weekly_periods: ['errors.not_recognized'] }],
    ['day absent', period({ day: undefined }), { weekly_periods: ['errors.required'] }],
    ['day a number', period({ day: 1 }), { weekly_periods: ['errors.invalid'] }],
    ['start_time absent', period({ start_time: undefined }), { weekly_periods: ['errors.required'] }],
    ['start_time 24:00', period({ start_time: '24:00', end_time: '24:00' }), { weekly_periods: ['errors.invalid'] }],
    ['start_time 9:00', period({ start_time: '9:00' }), { weekly_periods: ['errors.invalid'] }],
    ['start_time 09:00:00', period({ start_time: '09:00:00' }), { weekly_periods: ['errors.invalid'] }],
    ['end_time 00:00', period({ start_time: '00:00', end_time: '00:00' }), { weekly_periods: ['errors.invalid'] }],
    ['end_time 24:01', period({ end_time: '24:01' }), { weekly_periods: ['errors.invalid'] }],
    ['end_time before start_time', period({ start_time: '17:00', end_time: '09:00' }), { weekly_periods: ['errors.invalid'] }],
    ['end_time equal to start_time', period({ end_time: '09:00' }), { weekly_periods: ['errors.invalid'] }],
  ];

  it.each(cases)('%s → 422', async (_name, json, expected) => {
    await expect422(await upsert(json), expected);
  });

  it('reports every problem in one 422', async () => {
    const res = await upsert({ availability_rule_id: 'a b', tzid: 'Nowhere', calendar_ids: ['cal_nope'], weekly_periods: [{ day: 'someday', start_time: '25:00', end_time: '00:00' }] });
    await expect422(res, {
      availability_rule_id: ['errors.invalid'],
      tzid: ['errors.invalid'],
      calendar_ids: ['errors.not_recognized'],
      weekly_periods: ['errors.not_recognized', 'errors.invalid'],
    });
  });
});
