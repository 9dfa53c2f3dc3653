/** `kairos app create|list`. */
import { resolve } from 'node:path';
import { createApplication } from '../../services/index.js';
import { UsageError, databaseUrl, parse } from '../args.js';
import { print, type Output } from '../output.js';
import { isNewSqliteDatabase, withStore } from '../runtime.js';

export const APP_HELP = `Usage:
  kairos app create --name NAME [--redirect-uri URI]... [--database DB] [--json]
  kairos app list [--database DB] [--json]

create prints the client_id and client_secret. The secret is shown once and stored only hashed.`;

function checkRedirectUri(uri: string): void {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    throw new UsageError(`--redirect-uri must be an absolute URL: ${uri}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UsageError(`--redirect-uri must be http(s): ${uri}`);
  if (u.hash !== '') throw new UsageError(`--redirect-uri must not have a fragment: ${uri}`);
}

export async function appCommand(argv: string[], o: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'create') {
    const { values } = parse(rest, { name: { type: 'string' }, 'redirect-uri': { type: 'string', multiple: true } });
    if (values.help) return o.out(APP_HELP), 0;
    const name = values.name?.trim();
    if (!name) throw new UsageError('--name is required');
    if (name.length > 255) throw new UsageError('--name must be at most 255 characters');
    const redirectUris = values['redirect-uri'] ?? [];
    redirectUris.forEach(checkRedirectUri);
    const db = databaseUrl(values.database);
    const newDatabase = isNewSqliteDatabase(db);
    const created = await withStore(db, (deps) => createApplication(deps, { name, redirectUris }), { create: true });
    const result = { client_id: created.application.clientId, client_secret: created.clientSecret, name, redirect_uris: redirectUris };
    print(
      { ...o, json: o.json || values.json === true },
      result,
      `Created application "${name}".\n  client_id:     ${result.client_id}\n  client_secret: ${result.client_secret}\n\nThe client secret is your API key. It is shown only now: store it safely.${newDatabase ? `\n(A new database was created at ${resolve(db)}.)` : ''}`,
    );
    return 0;
  }
  if (sub === 'list') {
    const { values } = parse(rest, {});
    if (values.help) return o.out(APP_HELP), 0;
    const apps = await withStore(databaseUrl(values.database), (deps) => deps.store.listApplications());
    const rows = apps.map((a) => ({ client_id: a.clientId, name: a.name, redirect_uris: a.redirectUris, active: a.active, created: new Date(a.createdAt).toISOString() }));
    const json = o.json || values.json === true;
    if (json) o.out(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) o.out('No applications yet. Create one with: kairos app create --name NAME');
    else for (const r of rows) o.out(`${r.client_id}  ${r.name}${r.active ? '' : '  (inactive)'}`);
    return 0;
  }
  throw new UsageError(sub ? `unknown app command: ${sub}\n\n${APP_HELP}` : APP_HELP);
}
