import { describe, expect, it } from 'vitest';
import { decodeFormComponent, holdsUnstorableText, isStorableText, pathHoldsUnstorableText, unstorableParams } from './storable-text.js';

describe('isStorableText', () => {
  it.each([
    ['', true],
    ['café', true],
    ['\u{1F5D3}\uFE0F', true],
    ['\ud83d\ude00', true],
    ['\ufffd\uffff\ufffe', true],
    ['a\u0000b', false],
    ['lone\ud800', false],
    ['lone\udbff', false],
    ['\udc00x', false],
    ['\ude00\ud83d', false],
    ['\ud83d\ud83d\ude00', false],
  ])('%j → %s', (s, ok) => {
    expect(isStorableText(s)).toBe(ok);
  });
});

describe('holdsUnstorableText', () => {
  it('looks into arrays, objects and keys at any depth', () => {
    expect(holdsUnstorableText({ a: [1, true, null, { b: 'ok' }] })).toBe(false);
    expect(holdsUnstorableText({ a: [1, { b: ['x', 'y\ud800'] }] })).toBe(true);
    expect(holdsUnstorableText({ a: { '\udfff': 1 } })).toBe(true);
    expect(holdsUnstorableText('\u0000')).toBe(true);
    expect(holdsUnstorableText(42)).toBe(false);
  });
});

describe('decodeFormComponent', () => {
  it.each([
    ['plain', 'plain'],
    ['a+b', 'a b'],
    ['caf%C3%A9', 'café'],
    ['%F0%9F%97%93', '\u{1F5D3}'],
    ['%EF%BF%BD', '\ufffd'],
    ['100%', '100%'],
    ['%zz%4', '%zz%4'],
    ['%e2%82%ac', '€'],
    ['raw café', 'raw café'],
  ])('%s → %j', (raw, decoded) => {
    expect(decodeFormComponent(raw)).toBe(decoded);
    // Where it accepts, it agrees with URLSearchParams.
    expect(new URLSearchParams('x=' + raw).get('x')).toBe(decoded);
  });

  it.each(['%FF', '%C3', '%C3%28', '%ED%A0%80', '%ED%BF%BF', '%C0%AF', '%F8%88%80%80%80', 'a%00b', 'a\u0000b', 'x\ud800'])('%s → null', (raw) => {
    expect(decodeFormComponent(raw)).toBeNull();
  });
});

describe('unstorableParams', () => {
  it('names each parameter at fault, and whether its name is', () => {
    expect(unstorableParams('')).toEqual([]);
    expect(unstorableParams('a=1&b=%E2%82%AC&c=%zz')).toEqual([]);
    expect(unstorableParams('a=1&b=%FF&c[]=x%00&&%FFd=2&e')).toEqual([
      { name: 'b', nameAtFault: false },
      { name: 'c[]', nameAtFault: false },
      { name: '\ufffdd', nameAtFault: true },
    ]);
    expect(unstorableParams('a%00b=1')).toEqual([{ name: 'ab', nameAtFault: true }]);
  });
});

describe('pathHoldsUnstorableText', () => {
  it.each([
    ['/v1/calendars/cal_1/events', false],
    ['/v1/calendars/%ZZ/events', false],
    ['/v1/calendars/caf%C3%A9/events', false],
    ['/v1/calendars/cal_%FF/events', true],
    ['/v1/calendars/cal_%ED%A0%80/events', true],
    ['/v1/calendars/cal_%00/events', true],
  ])('%s → %s', (path, bad) => {
    expect(pathHoldsUnstorableText(path)).toBe(bad);
  });
});
