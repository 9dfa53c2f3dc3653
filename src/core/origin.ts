/**
 * Origin normalisation (PROTOCOL §3.2): the same procedure for a token's `origin` and for
 * every incoming `Origin` header, so that comparison is plain string equality.
 */

const SCHEME_RE = /^(https?):\/\//i;
// Any ASCII control character, space or DEL. WHATWG URL would silently strip tabs and
// newlines, which would let `https://exa\tmple.com` pass as `https://example.com`.
const CONTROL_OR_SPACE_RE = /[\u0000-\u0020\u007f]/;

/**
 * Normalises a web origin to `scheme://host[:port]`, or returns null when the value is not a
 * bare http(s) origin (user info, query, fragment, a path other than `/`, `null`, whitespace).
 *
 * @example normalizeOrigin('https://App.Example.com:443/') === 'https://app.example.com'
 * @example normalizeOrigin('https://example.com/page') === null
 */
export function normalizeOrigin(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  if (CONTROL_OR_SPACE_RE.test(value)) return null;
  const scheme = SCHEME_RE.exec(value);
  if (!scheme) return null;
  const rest = value.slice(scheme[0].length);
  // The authority ends at the first of / ? # or \ (a path separator for special schemes).
  const end = rest.search(/[/?#\\]/);
  const authority = end === -1 ? rest : rest.slice(0, end);
  const tail = end === -1 ? '' : rest.slice(end);
  if (tail !== '' && tail !== '/') return null;
  if (authority.includes('@') || authority.length === 0) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return null;
  if (url.pathname !== '/' || url.hostname === '') return null;
  return `${url.protocol}//${url.host}`;
}
