import { describe, expect, it } from 'vitest';
import { apiBase, appBase } from './domains.js';

describe('domain resolution (§6.4)', () => {
  it.each([
    [{}, 'https://api.cronofy.com'],
    [{ data_center: 'us' }, 'https://api.cronofy.com'],
    [{ data_center: 'de' }, 'https://api-de.cronofy.com'],
    [{ api_domain: 'cal.example.com' }, 'https://cal.example.com'],
    [{ api_domain: 'cal.example.com///' }, 'https://cal.example.com'],
    [{ api_domain: 'http://127.0.0.1:8080/' }, 'http://127.0.0.1:8080'],
    [{ api_domain: 'https://cal.example.com', data_center: 'de' }, 'https://cal.example.com'],
    [{ api_domain: 42 }, 'https://api.cronofy.com'],
  ])('api base of %j is %s', (o, want) => {
    expect(apiBase(o)).toBe(want);
  });

  it.each([
    [{}, 'https://app.cronofy.com'],
    [{ data_center: 'au' }, 'https://app-au.cronofy.com'],
    [{ api_domain: 'cal.example.com/' }, 'https://cal.example.com'],
    [{ api_domain: 'https://api.example.com', app_domain: 'app.example.com/' }, 'https://app.example.com'],
    [{ app_domain: 'http://localhost:3000' }, 'http://localhost:3000'],
  ])('app base of %j is %s', (o, want) => {
    expect(appBase(o)).toBe(want);
  });
});
