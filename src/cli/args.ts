/** Argument parsing shared by the CLI commands (node:util parseArgs, strict). */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A bad command line: the CLI prints the message and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export const COMMON_OPTIONS = {
  database: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies Options;

/** Parses `argv` with the given options; unknown options and stray positionals are usage errors. */
export function parse<O extends Options>(argv: string[], options: O, opts: { positionals?: number } = {}) {
  try {
    const r = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, strict: true, allowPositionals: (opts.positionals ?? 0) > 0 });
    if (r.positionals.length > (opts.positionals ?? 0)) throw new UsageError(`unexpected argument: ${r.positionals[opts.positionals ?? 0]}`);
    return r;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** The database location: --database, else KAIROS_DATABASE, else ./data/kairos.db. */
/**
 * The database to open: `--database`, else KAIROS_DATABASE, else `./data/kairos.db`. An empty
 * KAIROS_DATABASE counts as unset (a compose file's `${VAR}` of an unset variable), and an
 * empty `--database` is refused: to SQLite, an empty name is a database that vanishes on exit.
 */
export function databaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined && flag.trim() === '') throw new UsageError('--database must be a SQLite file path or a postgres:// URL (got an empty value)');
  return flag ?? (env.KAIROS_DATABASE?.trim() ? env.KAIROS_DATABASE : undefined) ?? './data/kairos.db';
}

/** Redacts the password of a postgres:// URL for display. */
export function displayDatabase(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}
