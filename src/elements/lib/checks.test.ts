import { describe, expect, it } from 'vitest';
import { checkEnum, checkLocaleModifiers, parseHHMM } from './checks.js';
import { isSafeLink } from './dom.js';
import { Report } from './report.js';

describe('small checks', () => {
  it('parses strict HH:mm, 24:00 only when allowed', () => {
    expect(parseHHMM('09:30')).toBe(570);
    expect(parseHHMM('23:59')).toBe(1439);
    expect(parseHHMM('24:00')).toBeNull();
    expect(parseHHMM('24:00', true)).toBe(1440);
    for (const bad of ['9:30', '09:60', '25:00', '0930', 930, null]) expect(parseHHMM(bad)).toBeNull();
  });

  it('checks enumerations as fatal errors or warnings', () => {
    const r = new Report();
    expect(checkEnum({ mode: 'x' }, 'mode', ['a', 'b'], 'a', r, true)).toBe('a');
    expect(checkEnum({ logs: 'x' }, 'logs', ['a', 'b'], 'b', r, false)).toBe('b');
    expect(checkEnum({}, 'mode', ['a', 'b'], 'a', r, true)).toBe('a');
    expect(r.errors).toEqual({ 'config.mode': ['"x" must be one of a, b'] });
    expect(r.warnings).toEqual(['config.logs "x" must be one of a, b: using b']);
  });

  it('recognises only the Japanese western-date modifier', () => {
    const r = new Report();
    checkLocaleModifiers({ ja: { dates: 'western' } }, r);
    checkLocaleModifiers({ ja: { dates: { western: true } } }, r);
    expect(r.warnings).toEqual([]);
    checkLocaleModifiers({ ja: { dates: 'imperial' } }, r);
    checkLocaleModifiers({ de: {} }, r);
    expect(r.warnings).toHaveLength(2);
  });

  it('renders only http(s) links', () => {
    expect(isSafeLink('https://app.example.com/relink?x=1')).toBe(true);
    expect(isSafeLink('http://localhost:3000/relink')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '/relative', 'ftp://x.example', 42]) expect(isSafeLink(bad)).toBe(false);
  });
});
