/** Command output: JSON with --json, otherwise readable lines. */
export interface Output {
  json: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
}

export function stdOutput(json: boolean): Output {
  return { json, out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') };
}

/** Prints `value` as JSON, or as `key: value` lines. */
export function print(o: Output, value: Record<string, unknown> | Record<string, unknown>[], human?: string): void {
  if (o.json) {
    o.out(JSON.stringify(value, null, 2));
    return;
  }
  if (human !== undefined) {
    o.out(human);
    return;
  }
  const rows = Array.isArray(value) ? value : [value];
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) o.out(`${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
    if (rows.length > 1) o.out('');
  }
}
