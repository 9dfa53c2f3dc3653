/**
 * `GET /docs/elements/{slug}`: the page each element's log notifications link to (PROTOCOL
 * §6.8: `url` SHOULD point to the product's own page for the element). One short page per
 * element: what it is for, the permission its token needs, the API calls it makes, whether this
 * version of the library implements it, and how to mount it. The page names no account and
 * needs no credential.
 */

interface ElementDoc {
  /** The factory on `CronofyElements`. */
  factory: string;
  /** The display name used in notifications (§6.8). */
  display: string;
  purpose: string;
  permission: string;
  /** The requests the element makes (or will make), per PROTOCOL §7. */
  calls: string[];
  /** True when this version renders the element; false when it renders a placeholder. */
  available: boolean;
  /** The element-specific options of a minimal mount, as JavaScript object text. */
  example: string;
}

const DOCS: Record<string, ElementDoc> = {
  agenda: {
    factory: 'Agenda',
    display: 'Agenda View',
    purpose: 'A one-day agenda of the token’s primary account, with previous, next and today navigation, all-day and multi-day events, and expandable details.',
    permission: 'agenda',
    calls: ['GET /v1/events (a window of 15 days around the shown day, with include_userinfo)', 'GET /v1/events/pages/{page_id} (further pages)'],
    available: true,
    example: '',
  },
  'slot-picker': {
    factory: 'SlotPicker',
    display: 'Slot Picker',
    purpose: 'A list of bookable slots grouped by day: the user picks a day, then a slot, then confirms.',
    permission: 'availability',
    calls: ['POST /v1/availability'],
    available: false,
    example: `
    availability_query: { participants: [{ required: "all", members: [{ sub: "acc_…" }] }], required_duration: { minutes: 30 }, query_periods: [{ start: "…", end: "…" }] },`,
  },
  'availability-viewer': {
    factory: 'AvailabilityViewer',
    display: 'Availability Viewer',
    purpose: 'A week grid that highlights available slots, with week paging.',
    permission: 'availability',
    calls: ['POST /v1/availability'],
    available: false,
    example: `
    availability_query: { participants: [{ required: "all", members: [{ sub: "acc_…" }] }], required_duration: { minutes: 30 }, query_periods: [{ start: "…", end: "…" }] },`,
  },
  'date-time-picker': {
    factory: 'DateTimePicker',
    display: 'Date Time Picker',
    purpose: 'A month calendar whose days with availability are enabled, a slot list for the chosen day, a time-zone selector and a confirm step.',
    permission: 'availability',
    calls: ['POST /v1/availability', 'POST /v1/sequenced_availability'],
    available: false,
    example: `
    availability_query: { participants: [{ required: "all", members: [{ sub: "acc_…" }] }], required_duration: { minutes: 30 }, query_periods: [{ start: "…", end: "…" }] },`,
  },
  'availability-rules': {
    factory: 'AvailabilityRules',
    display: 'Availability Rules',
    purpose: 'Lets the token’s primary account edit one weekly availability rule: its hours, its zone and the calendars that count.',
    permission: 'managed_availability',
    calls: ['GET /v1/userinfo', 'GET /v1/availability_rules/{availability_rule_id}', 'POST /v1/availability_rules'],
    available: false,
    example: `
    availability_rule_id: "default",`,
  },
  'calendar-sync': {
    factory: 'CalendarSync',
    display: 'Calendar Sync',
    purpose: 'Lets a user see each connected calendar profile’s status, relink disconnected ones and remove them.',
    permission: 'account_management',
    calls: ['GET /v1/userinfo', 'POST /v1/profiles/{profile_id}/revoke'],
    available: false,
    example: '',
  },
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;color:#1f2430;line-height:1.5}' +
  'h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem}code,pre{font-family:ui-monospace,monospace;font-size:.9em}' +
  'pre{background:#f4f5f7;padding:.75rem 1rem;overflow:auto;border-radius:6px}.status{padding:.5rem .75rem;border-radius:6px;background:#eef6ee}' +
  '.status.no{background:#fdf3e6}nav a,nav strong{margin-right:1rem;white-space:nowrap}';

/** `GET /docs/elements`: the six elements, each with its permission and whether this version implements it. */
export function elementDocsIndex(): Response {
  const rows = Object.entries(DOCS)
    .map(([slug, d]) => `<li><a href="elements/${esc(slug)}">${esc(d.display)}</a> (<code>CronofyElements.${esc(d.factory)}</code>, permission <code>${esc(d.permission)}</code>)${d.available ? '' : ' — not implemented in this version yet'}</li>`)
    .join('');
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Kairos Elements</title><style>${STYLE}</style></head>
<body>
<h1>Kairos Elements</h1>
<p>Embeddable calendar elements, loaded from one script and called with an element token your backend mints.</p>
<ul>${rows}</ul>
<p><a href="/">The demo page</a> shows a working Agenda.</p>
</body>
</html>`;
  return new Response(html, { status: 200, headers: pageHeaders() });
}

function pageHeaders(): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'public, max-age=300',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  };
}

/** The documentation page for the element with this slug, or null when there is none. */
export function elementDocPage(slug: string, baseUrl: string, libraryVersion: string | null): Response | null {
  const doc = Object.hasOwn(DOCS, slug) ? DOCS[slug]! : null;
  if (doc === null) return null;
  const script = `${baseUrl}/js/CronofyElements${libraryVersion ? `.v${libraryVersion}` : ''}.js`;
  const snippet = `<div id="my-element"></div>
<script src="${script}"></script>
<script>
  CronofyElements.${doc.factory}({
    element_token: "ELEMENT_TOKEN",   // minted for this page's origin with permission "${doc.permission}"
    target_id: "my-element",
    api_domain: "${baseUrl}",${doc.example}
    callback: (n) => console.log(n.notification)
  });
</script>`;
  const status = doc.available
    ? `<p class="status">This version of the library implements the ${esc(doc.display)}.</p>`
    : `<p class="status no">This version of the library does not implement the ${esc(doc.display)} yet. It checks its options like the finished element will, then shows a notice saying it is not available, and sends a <code>warn</code> notification. The server already answers the requests it will make, so a host can call them from its backend today.</p>`;
  const others = Object.entries(DOCS)
    .map(([s, d]) => (s === slug ? `<strong>${esc(d.display)}</strong>` : `<a href="${esc(s)}">${esc(d.display)}</a>`))
    .join(' ');
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(doc.display)} — Kairos Elements</title><style>${STYLE}</style></head>
<body>
<nav aria-label="Elements"><a href="../elements">All elements</a> ${others}</nav>
<h1>${esc(doc.display)} <small>(<code>CronofyElements.${esc(doc.factory)}</code>)</small></h1>
<p>${esc(doc.purpose)}</p>
${status}
<h2>Element token</h2>
<p>Your backend mints a token with the permission <code>${esc(doc.permission)}</code>, the account subs the element may use, and the exact origin of the page that mounts it (<code>POST /v1/element_tokens</code> with your API key). The element sends it with every request; a page on any other origin is refused.</p>
<h2>Requests</h2>
<ul>${doc.calls.map((c) => `<li><code>${esc(c)}</code></li>`).join('')}</ul>
<h2>Mounting it</h2>
<pre><code>${esc(snippet)}</code></pre>
<p>Option problems never throw: the element shows a readable error box and sends an <code>error</code> notification naming each bad option.${doc.available ? ' <code>demo: true</code> instead of a token shows mock content and makes no request.' : ''}</p>
<p><a href="/">The demo page</a> shows a working Agenda.</p>
</body>
</html>`;
  return new Response(html, { status: 200, headers: pageHeaders() });
}
