import { describe, expect, it } from 'vitest';
import { FetchError } from './fetch-error.js';
import { displayUrl, parseCalendarUrl } from './parse-calendar-url.js';

describe('parseCalendarUrl', () => {
  it.each([
    ['https://example.com/team.ics', 'https://example.com/team.ics'],
    ['http://example.com:8080/a/b.ics?key=1', 'http://example.com:8080/a/b.ics?key=1'],
    ['webcal://example.com/team.ics', 'https://example.com/team.ics'],
    ['WEBCALS://example.com/team.ics', 'https://example.com/team.ics'],
    ['  https://example.com/team.ics#today ', 'https://example.com/team.ics'],
  ])('reads %s as %s', (raw, href) => {
    expect(parseCalendarUrl(raw).href).toBe(href);
  });

  it.each([
    ['ftp://example.com/team.ics', 'only http, https and webcal URLs are supported, not ftp: URLs'],
    ['file:///etc/hosts', 'only http, https and webcal URLs are supported, not file: URLs'],
    ['mailto:me@example.com', 'only http, https and webcal URLs are supported, not mailto: URLs'],
    ['/tmp/team.ics', 'not an absolute URL'],
    ['https://', 'not an absolute URL'],
  ])('refuses %s', (raw, message) => {
    let caught: unknown = null;
    try {
      parseCalendarUrl(raw);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FetchError);
    expect(caught).toMatchObject({ code: 'invalid_url', message });
  });
});

describe('displayUrl', () => {
  it('drops the user name and password, and nothing else', () => {
    expect(displayUrl(new URL('https://me:p%40ss@example.com/a.ics?key=1'))).toBe('https://example.com/…');
    expect(displayUrl(new URL('https://example.com/private-abc/basic.ics'))).toBe('https://example.com/…');
    expect(displayUrl('https://example.com/?token=1')).toBe('https://example.com/…');
    expect(displayUrl('https://example.com:8443/')).toBe('https://example.com:8443/');
    expect(displayUrl('not a url')).toBe('[invalid url]');
  });
});
