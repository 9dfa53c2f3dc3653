/** Query-string access that tolerates bad percent-encoding and supports `name[]` arrays (§2.2). */
import { Problems, parseQueryBoolean } from '../core/index.js';

export class Query {
  readonly params: URLSearchParams;
  constructor(url: string) {
    const q = url.indexOf('?');
    this.params = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
  }

  /** First value of `name`, or undefined. */
  get(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  has(name: string): boolean {
    return this.params.has(name);
  }

  /** Values of `name[]` and of repeated `name`. */
  list(name: string): string[] {
    return [...this.params.getAll(name + '[]'), ...this.params.getAll(name)];
  }

  /** A query boolean; an unparseable value records `errors.invalid` and gives the default. */
  bool(name: string, dflt: boolean, problems: Problems): boolean {
    const v = this.get(name);
    if (v === undefined) return dflt;
    const b = parseQueryBoolean(v);
    if (b === null) {
      problems.add(name, 'errors.invalid', `${name} must be true, false, 1 or 0`);
      return dflt;
    }
    return b;
  }
}
