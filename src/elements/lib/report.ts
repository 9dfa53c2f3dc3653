/**
 * Collects option problems (PROTOCOL §6.6): errors stop rendering and are reported together
 * as `{ "<option path>": ["<message>", …] }`; warnings and infos are logged and rendering goes on.
 */

/** The findings of one validation pass. */
export class Report {
  readonly errors: Record<string, string[]> = {};
  readonly warnings: string[] = [];
  readonly infos: string[] = [];

  /** Records a fatal problem at an option path such as `config.mode` or `availability_query.query_periods[2]`. */
  error(path: string, message: string): void {
    (this.errors[path] ??= []).push(message);
  }

  /** Records a warning; rendering continues with a fallback. */
  warn(message: string): void {
    this.warnings.push(message);
  }

  /** Records an informational log line. */
  info(message: string): void {
    this.infos.push(message);
  }

  /** True when at least one error was recorded. */
  get failed(): boolean {
    return Object.keys(this.errors).length > 0;
  }
}

/** Text of a value for messages, short and without surprises. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value instanceof Date) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `must be one of a, b, c` */
export function oneOf(values: readonly string[]): string {
  return `must be one of ${values.join(', ')}`;
}
