/**
 * The recurrence examples of RFC 5545 §3.8.5.3, expanded end to end (DTSTART in
 * America/New_York, as there) and compared as New York wall-clock times.
 */
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { calendar, parse, between } from './test-helpers.js';

function local(ms: number): string {
  const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO('America/New_York');
  return z.toPlainDateTime().toString().slice(0, 16);
}

function expand(dtstart: string, rule: string, limit = 40, extra: string[] = []): string[] {
  const text = calendar(['BEGIN:VEVENT', 'UID:rfc@test', `DTSTART;TZID=America/New_York:${dtstart}`, 'DURATION:PT1H', `RRULE:${rule}`, ...extra, 'END:VEVENT']);
  const r = parse(text, { horizon: between('1996-01-01T00:00:00Z', '2008-01-01T00:00:00Z'), maxOccurrences: limit });
  return r.occurrences.map((e) => (e.start.kind === 'time' ? local(e.start.ms) : e.start.date));
}

const at = (time: string, ...days: string[]): string[] => days.map((d) => `${d}T${time}`);

describe('RFC 5545 recurrence examples', () => {
  const cases: [string, string, string, string[], number?, string[]?][] = [
    ['daily for 10 occurrences', '19970902T090000', 'FREQ=DAILY;COUNT=10', at('09:00', '1997-09-02', '1997-09-03', '1997-09-04', '1997-09-05', '1997-09-06', '1997-09-07', '1997-09-08', '1997-09-09', '1997-09-10', '1997-09-11')],
    ['every 10 days, 5 occurrences', '19970902T090000', 'FREQ=DAILY;INTERVAL=10;COUNT=5', at('09:00', '1997-09-02', '1997-09-12', '1997-09-22', '1997-10-02', '1997-10-12')],
    ['weekly for 10 occurrences (keeps 09:00 across the October change)', '19970902T090000', 'FREQ=WEEKLY;COUNT=10', at('09:00', '1997-09-02', '1997-09-09', '1997-09-16', '1997-09-23', '1997-09-30', '1997-10-07', '1997-10-14', '1997-10-21', '1997-10-28', '1997-11-04')],
    ['weekly on Tuesday and Thursday for five weeks', '19970902T090000', 'FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH', at('09:00', '1997-09-02', '1997-09-04', '1997-09-09', '1997-09-11', '1997-09-16', '1997-09-18', '1997-09-23', '1997-09-25', '1997-09-30', '1997-10-02')],
    ['every other week on Monday, Wednesday and Friday until December 24', '19970901T090000', 'FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR',
      at('09:00', '1997-09-01', '1997-09-03', '1997-09-05', '1997-09-15', '1997-09-17', '1997-09-19', '1997-09-29', '1997-10-01', '1997-10-03', '1997-10-13', '1997-10-15', '1997-10-17', '1997-10-27', '1997-10-29', '1997-10-31', '1997-11-10', '1997-11-12', '1997-11-14', '1997-11-24', '1997-11-26', '1997-11-28', '1997-12-08', '1997-12-10', '1997-12-12', '1997-12-22')],
    ['monthly on the first Friday for 10 occurrences', '19970905T090000', 'FREQ=MONTHLY;COUNT=10;BYDAY=1FR', at('09:00', '1997-09-05', '1997-10-03', '1997-11-07', '1997-12-05', '1998-01-02', '1998-02-06', '1998-03-06', '1998-04-03', '1998-05-01', '1998-06-05')],
    ['monthly on the second-to-last Monday for 6 months', '19970922T090000', 'FREQ=MONTHLY;COUNT=6;BYDAY=-2MO', at('09:00', '1997-09-22', '1997-10-20', '1997-11-17', '1997-12-22', '1998-01-19', '1998-02-16')],
    ['monthly on the third-to-the-last day', '19970928T090000', 'FREQ=MONTHLY;BYMONTHDAY=-3', at('09:00', '1997-09-28', '1997-10-29', '1997-11-28', '1997-12-29', '1998-01-29', '1998-02-26'), 6],
    ['monthly on the 2nd and 15th for 10 occurrences', '19970902T090000', 'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15', at('09:00', '1997-09-02', '1997-09-15', '1997-10-02', '1997-10-15', '1997-11-02', '1997-11-15', '1997-12-02', '1997-12-15', '1998-01-02', '1998-01-15')],
    ['monthly on the first and last day for 10 occurrences', '19970930T090000', 'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1', at('09:00', '1997-09-30', '1997-10-01', '1997-10-31', '1997-11-01', '1997-11-30', '1997-12-01', '1997-12-31', '1998-01-01', '1998-01-31', '1998-02-01')],
    ['every 18 months on the 10th to 15th for 10 occurrences', '19970910T090000', 'FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15', at('09:00', '1997-09-10', '1997-09-11', '1997-09-12', '1997-09-13', '1997-09-14', '1997-09-15', '1999-03-10', '1999-03-11', '1999-03-12', '1999-03-13')],
    ['every Tuesday, every other month', '19970902T090000', 'FREQ=MONTHLY;INTERVAL=2;BYDAY=TU', at('09:00', '1997-09-02', '1997-09-09', '1997-09-16', '1997-09-23', '1997-09-30', '1997-11-04', '1997-11-11', '1997-11-18', '1997-11-25', '1998-01-06', '1998-01-13', '1998-01-20', '1998-01-27', '1998-03-03'), 14],
    ['yearly in June and July for 10 occurrences', '19970610T090000', 'FREQ=YEARLY;COUNT=10;BYMONTH=6,7', at('09:00', '1997-06-10', '1997-07-10', '1998-06-10', '1998-07-10', '1999-06-10', '1999-07-10', '2000-06-10', '2000-07-10', '2001-06-10', '2001-07-10')],
    ['every third year on the 1st, 100th and 200th day for 10 occurrences', '19970101T090000', 'FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200', at('09:00', '1997-01-01', '1997-04-10', '1997-07-19', '2000-01-01', '2000-04-09', '2000-07-18', '2003-01-01', '2003-04-10', '2003-07-19', '2006-01-01')],
    ['every 20th Monday of the year', '19970519T090000', 'FREQ=YEARLY;BYDAY=20MO', at('09:00', '1997-05-19', '1998-05-18', '1999-05-17'), 3],
    ['Monday of week number 20', '19970512T090000', 'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO', at('09:00', '1997-05-12', '1998-05-11', '1999-05-17'), 3],
    ['every Thursday in March', '19970313T090000', 'FREQ=YEARLY;BYMONTH=3;BYDAY=TH', at('09:00', '1997-03-13', '1997-03-20', '1997-03-27', '1998-03-05', '1998-03-12', '1998-03-19', '1998-03-26', '1999-03-04', '1999-03-11', '1999-03-18', '1999-03-25'), 11],
    ['every Friday the 13th (DTSTART excluded)', '19970902T090000', 'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', at('09:00', '1998-02-13', '1998-03-13', '1998-11-13', '1999-08-13', '2000-10-13'), 5, ['EXDATE;TZID=America/New_York:19970902T090000']],
    ['the first Saturday that follows the first Sunday of the month', '19970913T090000', 'FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13', at('09:00', '1997-09-13', '1997-10-11', '1997-11-08', '1997-12-13', '1998-01-10', '1998-02-07', '1998-03-07', '1998-04-11', '1998-05-09', '1998-06-13'), 10],
    ['US presidential election day', '19961105T090000', 'FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8', at('09:00', '1996-11-05', '2000-11-07', '2004-11-02'), 3],
    ['the third Tuesday, Wednesday or Thursday of the month, for 3 months', '19970904T090000', 'FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3', at('09:00', '1997-09-04', '1997-10-07', '1997-11-06')],
    ['the second-to-last weekday of the month', '19970929T090000', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2', at('09:00', '1997-09-29', '1997-10-30', '1997-11-27', '1997-12-30', '1998-01-29', '1998-02-26', '1998-03-30'), 7],
    ['every 15 minutes for 6 occurrences', '19970902T090000', 'FREQ=MINUTELY;INTERVAL=15;COUNT=6', ['1997-09-02T09:00', '1997-09-02T09:15', '1997-09-02T09:30', '1997-09-02T09:45', '1997-09-02T10:00', '1997-09-02T10:15']],
    ['every hour and a half for 4 occurrences', '19970902T090000', 'FREQ=MINUTELY;INTERVAL=90;COUNT=4', ['1997-09-02T09:00', '1997-09-02T10:30', '1997-09-02T12:00', '1997-09-02T13:30']],
    ['every 3 hours, 3 occurrences', '19970902T090000', 'FREQ=HOURLY;INTERVAL=3;COUNT=3', ['1997-09-02T09:00', '1997-09-02T12:00', '1997-09-02T15:00']],
    ['WKST matters: Tuesday and Sunday every other week, weeks from Monday', '19970805T090000', 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO', at('09:00', '1997-08-05', '1997-08-10', '1997-08-19', '1997-08-24')],
    ['WKST matters: Tuesday and Sunday every other week, weeks from Sunday', '19970805T090000', 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU', at('09:00', '1997-08-05', '1997-08-17', '1997-08-19', '1997-08-31')],
    ['invalid dates are skipped, not counted', '20070115T090000', 'FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5', at('09:00', '2007-01-15', '2007-01-30', '2007-02-15', '2007-03-15', '2007-03-30')],
  ];
  it.each(cases)('%s', (_name, dtstart, rule, expected, limit, extra) => {
    expect(expand(dtstart, rule, limit ?? 40, extra ?? [])).toEqual(expected);
  });

  it('every day in January for 3 years: 93 instances', () => {
    const got = expand('19980101T090000', 'FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA', 200);
    expect(got.length).toBe(93);
    expect(got[0]).toBe('1998-01-01T09:00');
    expect(got[92]).toBe('2000-01-31T09:00');
    expect(expand('19980101T090000', 'FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1', 200)).toEqual(got);
  });

  it('every 20 minutes from 9:00 to 16:40, as DAILY and as MINUTELY', () => {
    const daily = expand('19970902T090000', 'FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40', 48);
    expect(daily.slice(0, 4)).toEqual(['1997-09-02T09:00', '1997-09-02T09:20', '1997-09-02T09:40', '1997-09-02T10:00']);
    expect(daily[23]).toBe('1997-09-02T16:40');
    expect(daily[24]).toBe('1997-09-03T09:00');
    expect(expand('19970902T090000', 'FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16', 48)).toEqual(daily);
  });
});
