/**
 * API and app base URLs from `api_domain`, `app_domain` and `data_center` (PROTOCOL §6.4).
 */

/** The inputs of domain resolution, as given by the host. */
export interface DomainOptions {
  api_domain?: unknown;
  app_domain?: unknown;
  data_center?: unknown;
}

function withScheme(value: string): string {
  const v = /^http/i.test(value) ? value : `https://${value}`;
  return v.replace(/\/+$/, '');
}

function dataCenter(dc: unknown): string | null {
  return typeof dc === 'string' && dc !== '' && dc !== 'us' ? dc : null;
}

/**
 * The API base URL: `api_domain` (with `https://` added when it has no scheme, trailing
 * slashes removed), else Cronofy's host for the data centre.
 *
 * @example apiBase({ api_domain: 'cal.example.com/' }) === 'https://cal.example.com'
 * @example apiBase({ data_center: 'de' }) === 'https://api-de.cronofy.com'
 */
export function apiBase(o: DomainOptions): string {
  if (typeof o.api_domain === 'string' && o.api_domain !== '') return withScheme(o.api_domain);
  const dc = dataCenter(o.data_center);
  return dc ? `https://api-${dc}.cronofy.com` : 'https://api.cronofy.com';
}

/**
 * The app base URL used by CalendarSync links: `app_domain`, else the API base when
 * `api_domain` was given, else Cronofy's app host for the data centre.
 */
export function appBase(o: DomainOptions): string {
  if (typeof o.app_domain === 'string' && o.app_domain !== '') return withScheme(o.app_domain);
  if (typeof o.api_domain === 'string' && o.api_domain !== '') return apiBase(o);
  const dc = dataCenter(o.data_center);
  return dc ? `https://app-${dc}.cronofy.com` : 'https://app.cronofy.com';
}
