/** `kairos account create`: an application calendar, as POST /v1/application_calendars. */
import { checkFreeTextId, isValidTzid } from '../../core/index.js';
import { ensureApplicationCalendar } from '../../services/index.js';
import { UsageError, databaseUrl, parse } from '../args.js';
import { print, type Output } from '../output.js';
import { withStore } from '../runtime.js';

export const ACCOUNT_HELP = `Usage:
  kairos account create --client-id ID --id APP_CAL_ID [--name NAME] [--tzid ZONE] [--database DB] [--json]

Creates (or finds) the application calendar APP_CAL_ID of the application and prints its sub
with a fresh access token and refresh token, exactly as POST /v1/application_calendars does.`;

export async function accountCommand(argv: string[], o: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'create') throw new UsageError(sub ? `unknown account command: ${sub}\n\n${ACCOUNT_HELP}` : ACCOUNT_HELP);
  const { values } = parse(rest, { 'client-id': { type: 'string' }, id: { type: 'string' }, name: { type: 'string' }, tzid: { type: 'string' } });
  if (values.help) return o.out(ACCOUNT_HELP), 0;
  const clientId = values['client-id'];
  if (!clientId) throw new UsageError('--client-id is required');
  const id = values.id;
  if (id === undefined || checkFreeTextId(id) !== 'ok') throw new UsageError('--id is required: 1–255 characters without control characters');
  if (values.tzid !== undefined && !isValidTzid(values.tzid)) throw new UsageError(`--tzid is not a known IANA time zone: ${values.tzid}`);
  const result = await withStore(databaseUrl(values.database), async (deps) => {
    const app = await deps.store.getApplicationByClientId(clientId);
    if (!app) throw new UsageError(`no application has client_id ${clientId} (see: kairos app list)`);
    const opts: Parameters<typeof ensureApplicationCalendar>[1] = { applicationId: app.applicationId, applicationCalendarId: id, accessTokenTtlSeconds: 10_800 };
    if (values.tzid !== undefined) opts.zoneinfo = values.tzid;
    if (values.name !== undefined) opts.name = values.name;
    return ensureApplicationCalendar(deps, opts);
  });
  const out = { sub: result.sub, access_token: result.accessToken, refresh_token: result.refreshToken, expires_in: result.expiresIn, created: result.created };
  print(
    { ...o, json: o.json || values.json === true },
    out,
    `${result.created ? 'Created' : 'Found'} application calendar "${id}".\n  sub:           ${out.sub}\n  access_token:  ${out.access_token}\n  refresh_token: ${out.refresh_token}`,
  );
  return 0;
}
