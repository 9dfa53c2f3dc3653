/**
 * `GET /profiles/{profile_id}/relink`: where userinfo's `profile_relink_url` of a disconnected
 * profile leads (CalendarSync shows it as a Relink link). A browser opens it without
 * credentials, so the page says what to do and shows nothing of the account: no URL, no
 * reason, no events. The application that added the feed reads the reason from
 * `GET /v1/feeds/{profile_id}` and fixes it by removing the feed and adding it again.
 */
import { PROFILE_ID_RE } from '../core/index.js';
import type { AppDeps } from './deps.js';

const PAGE_STYLE = 'body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2430;line-height:1.5}h1{font-size:1.4rem}';

function page(status: number, title: string, text: string): Response {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${PAGE_STYLE}</style></head>
<body><h1>${title}</h1>${text}</body>
</html>`;
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
  });
}

export async function relinkPage(deps: AppDeps, profileId: string): Promise<Response> {
  const profile = PROFILE_ID_RE.test(profileId) ? await deps.store.getProfile(profileId) : null;
  if (profile === null || profile.revoked) return page(404, 'No such calendar connection', '<p>This calendar connection does not exist, or it has been removed.</p>');
  if (profile.connected) return page(200, 'Calendar connected', '<p>This calendar connection is working. There is nothing to do.</p>');
  if (profile.source.type === 'ics_feed') {
    return page(
      200,
      'Calendar subscription not updating',
      '<p>The last attempt to read this calendar subscription failed. The events read before are kept, and the server keeps trying on its usual schedule; the connection comes back by itself once the subscription can be read again.</p>' +
        '<p>If the subscription address has changed or stopped working, remove this calendar in the application you added it with and add it again with a working address.</p>',
    );
  }
  return page(200, 'Calendar disconnected', '<p>This calendar connection needs attention. Reconnect it from the application you connected it with.</p>');
}
