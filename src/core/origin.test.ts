import { describe, expect, it } from 'vitest';
import { normalizeOrigin } from './origin.js';

describe('normalizeOrigin (PROTOCOL §3.2)', () => {
  const accepted: [string, string][] = [
    ['http://localhost', 'http://localhost'],
    ['http://localhost:5555', 'http://localhost:5555'],
    ['https://app.example.com', 'https://app.example.com'],
    ['https://app.example.com/', 'https://app.example.com'],
    ['HTTPS://App.Example.COM', 'https://app.example.com'],
    ['https://APP.EXAMPLE.COM:8443/', 'https://app.example.com:8443'],
    // Default ports are dropped; a non-default one is kept.
    ['http://example.com:80', 'http://example.com'],
    ['https://example.com:443', 'https://example.com'],
    ['https://example.com:443/', 'https://example.com'],
    ['http://example.com:443', 'http://example.com:443'],
    ['https://example.com:80', 'https://example.com:80'],
    // International names become punycode; punycode input is kept.
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
    ['https://BÜCHER.example', 'https://xn--bcher-kva.example'],
    ['https://xn--bcher-kva.example', 'https://xn--bcher-kva.example'],
    ['https://münchen.de:443/', 'https://xn--mnchen-3ya.de'],
    // IPv4 and IPv6 hosts; IPv6 stays bracketed and lower-case.
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['http://[::1]', 'http://[::1]'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
    ['http://[::1]:80', 'http://[::1]'],
    ['https://[2001:DB8::1]', 'https://[2001:db8::1]'],
    ['https://[2001:db8:0:0:0:0:0:1]:443/', 'https://[2001:db8::1]'],
  ];
  it.each(accepted)('%j → %j', (input, expected) => {
    expect(normalizeOrigin(input)).toBe(expected);
  });

  const rejected: [string, unknown][] = [
    ['a path', 'https://example.com/page'],
    ['a deeper path', 'https://example.com/a/b/'],
    ['a double slash path', 'https://example.com//'],
    ['an empty query', 'https://example.com?'],
    ['a query', 'https://example.com/?a=1'],
    ['an empty fragment', 'https://example.com#'],
    ['a fragment', 'https://example.com/#top'],
    ['user info', 'https://user@example.com'],
    ['user and password', 'https://user:pass@example.com'],
    ['an empty user', 'https://@example.com'],
    ['leading whitespace', ' https://example.com'],
    ['trailing whitespace', 'https://example.com '],
    ['a trailing newline', 'https://example.com\n'],
    ['a tab inside the host', 'https://exa\tmple.com'],
    ['a newline inside the host', 'https://exa\nmple.com'],
    ['a space inside the host', 'https://ex ample.com'],
    ['null (sandboxed frames, file: pages)', 'null'],
    ['a non-http scheme', 'ftp://example.com'],
    ['a file URL', 'file:///tmp/x.html'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['a ws URL', 'wss://example.com'],
    ['no slashes', 'http:example.com'],
    ['one slash', 'http:/example.com'],
    ['backslashes for slashes', 'https:\\\\example.com'],
    ['a trailing backslash', 'https://example.com\\'],
    ['a backslash path', 'https://example.com\\page'],
    ['no host', 'https://'],
    ['a bare host', 'example.com'],
    ['a port out of range', 'http://example.com:65536'],
    ['an empty string', ''],
    ['a number', 42],
    ['undefined', undefined],
    ['null value', null],
    ['an object', { origin: 'https://example.com' }],
    ['a very long value', 'https://' + 'a'.repeat(3000) + '.com'],
  ];
  it.each(rejected)('rejects %s', (_name, input) => {
    expect(normalizeOrigin(input)).toBeNull();
  });

  it('is idempotent on everything it accepts', () => {
    for (const [input] of accepted) {
      const once = normalizeOrigin(input)!;
      expect(normalizeOrigin(once)).toBe(once);
    }
  });
});
