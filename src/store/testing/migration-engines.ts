/**
 * Fresh empty databases on each engine the tests can reach, for migration tests that first
 * build an old schema and then upgrade it: SQLite in a temporary file, and PostgreSQL in a
 * schema of its own when KAIROS_TEST_POSTGRES is set.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { CreateStoreOptions } from '../create-store.js';
import type { DbSchema } from '../db-schema.js';
import { openPostgres } from '../postgres/open-postgres.js';
import type { Engine } from '../run-migrations.js';
import { openSqlite } from '../sqlite/open-sqlite.js';
import { testPostgresUrl } from './postgres-target.js';

export interface MigrationEngine {
  name: Engine;
  /** A fresh database: the URL createStore takes, its raw handle, and how to drop it. */
  open(): Promise<{ url: string; opts: CreateStoreOptions; db: Kysely<DbSchema>; drop(): Promise<void> }>;
}

export function migrationEngines(prefix: string): MigrationEngine[] {
  const engines: MigrationEngine[] = [
    {
      name: 'sqlite',
      async open() {
        const dir = mkdtempSync(join(tmpdir(), `kairos-${prefix}-`));
        const url = join(dir, 'kairos.db');
        return { url, opts: {}, db: openSqlite(url), drop: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
  ];
  const pgUrl = testPostgresUrl();
  if (pgUrl !== null) {
    engines.push({
      name: 'postgres',
      async open() {
        const schema = `kairos_${prefix}_${randomBytes(6).toString('hex')}`;
        return {
          url: pgUrl,
          opts: { schema },
          db: await openPostgres(pgUrl, { schema }),
          async drop() {
            const client = new pg.Client({ connectionString: pgUrl });
            await client.connect();
            try {
              await client.query(`drop schema if exists "${schema}" cascade`);
            } finally {
              await client.end();
            }
          },
        };
      },
    });
  }
  return engines;
}
