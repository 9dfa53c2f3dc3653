import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DbSchema } from '../db-schema.js';

export interface PostgresOptions {
  /** Schema to work in: set as search_path and created when missing. */
  schema?: string;
  /** Maximum number of pooled connections (default 10). */
  poolSize?: number;
}

const SCHEMA_RE = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const INT8_OID = 20;

/** BIGINT columns hold epoch ms, well inside the exact range of a double; read them as numbers. */
function typeParser(oid: number, format?: 'text' | 'binary'): unknown {
  if (oid === INT8_OID) return Number;
  return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
}

/**
 * Connects a pool to the PostgreSQL database at `url`, checks that it answers, and wraps it in
 * Kysely. With `schema`, every connection works in that schema, which is created if missing.
 *
 * @example const db = await openPostgres('postgres://kairos@db/kairos', { schema: 'kairos' })
 */
export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<Kysely<DbSchema>> {
  const { schema } = opts;
  if (schema !== undefined && !SCHEMA_RE.test(schema)) {
    throw new Error(`invalid schema name ${JSON.stringify(schema)}: use letters, digits and _`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    // Per pool rather than pg.types.setTypeParser, so other pg users in the process are unaffected.
    types: { getTypeParser: typeParser as typeof pg.types.getTypeParser },
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle connection that dies (server restart, network cut) emits 'error' on the pool; left
  // unhandled that would crash the process. The pool drops the connection and the next query
  // reports any lasting problem to its caller.
  pool.on('error', () => {});
  const db = new Kysely<DbSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema === undefined) await sql`select 1`.execute(db);
    else await ensureSchema(db, schema);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}

async function ensureSchema(db: Kysely<DbSchema>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (err) {
    // Two processes creating the schema at once can collide even with IF NOT EXISTS;
    // the loser sees a unique violation, which is fine once the schema exists.
    const found = await sql<{ n: number }>`select count(*)::int as n from information_schema.schemata where schema_name = ${schema}`.execute(db);
    if (found.rows[0]?.n !== 1) throw err;
  }
}
