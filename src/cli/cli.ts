/** The `kairos` command line: dispatch to commands, usage errors exit 2, failures exit 1. */
import { ACCOUNT_HELP, accountCommand } from './commands/account.js';
import { APP_HELP, appCommand } from './commands/app.js';
import { IMPORT_HELP, importCommand } from './commands/import.js';
import { FEED_HELP, feedCommand } from './commands/feed.js';
import { SERVE_HELP, serveCommand } from './commands/serve.js';
import { UsageError } from './args.js';
import { stdOutput, type Output } from './output.js';

const HELP = `Kairos: a self-hostable scheduling server with embeddable calendar Elements.

Usage: kairos <command> [options]

Commands:
  serve                 run the HTTP server (see kairos serve --help)
  app create|list       register and list applications
  account create        create an application calendar account and print its tokens
  import                import an .ics file or URL into a calendar of an account
  feed add|list|refresh|remove   subscribe an account to an ICS feed, and manage feeds

Every command takes --database DB (a SQLite path or postgres:// URL; default ./data/kairos.db,
or KAIROS_DATABASE) and --json for machine-readable output.`;

type Command = (argv: string[], o: Output) => Promise<number>;

export const COMMANDS: Record<string, { run: Command; help: string }> = {
  serve: { run: serveCommand, help: SERVE_HELP },
  app: { run: appCommand, help: APP_HELP },
  account: { run: accountCommand, help: ACCOUNT_HELP },
  import: { run: importCommand, help: IMPORT_HELP },
  feed: { run: feedCommand, help: FEED_HELP },
};

/** Runs the CLI; returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const o = stdOutput(json);
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    o.out(HELP);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === 'version') {
    o.out(process.env.npm_package_version ?? '0.1.0');
    return 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command: ${name}\n\n${HELP}`);
    // `kairos app --help` (no subcommand yet) is a request for help, not a usage error.
    if (rest[0] === '--help' || rest[0] === '-h' || rest[0] === 'help') return o.out(command.help), 0;
    return await command.run(rest, o);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (json) o.err(JSON.stringify({ error: err instanceof UsageError ? 'usage' : 'failed', message }));
    else o.err(`kairos: ${message}`);
    return err instanceof UsageError ? 2 : 1;
  }
}

