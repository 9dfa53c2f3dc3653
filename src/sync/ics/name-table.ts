/**
 * Names (properties, parameters, components) looked up where they are written: a plain
 * upper-case name is hashed as it is scanned and found in a table of the names that matter, so
 * that no string is cut from the text for names that do not, and names that do become constant
 * strings, which object property lookups and comparisons handle far faster than copies.
 */

/**
 * True when `s[from, to)` holds only `A–Z`, `0–9` and `-`: a name that needs no trim or upper-casing.
 *
 * @example isUpperName('X;PARTSTAT=A', 2, 10) === true
 */
export function isUpperName(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45)) return false;
  }
  return true;
}

/**
 * `v.trim().toUpperCase()`, without new strings when `v` is already so: enumerated values
 * (STATUS, TRANSP, PARTSTAT, …) are almost always written that way.
 *
 * @example upperWord(' accepted') === 'ACCEPTED'
 */
export function upperWord(v: string): string {
  return isUpperName(v, 0, v.length) ? v : v.trim().toUpperCase();
}

/**
 * `h * 31 + c` over `s[from, to)`, in 32 bits.
 *
 * @example nameHash('CN', 0, 2) === 67 * 31 + 78
 */
export function nameHash(s: string, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * A table of names by `nameHash`. Throws if two names share a hash (the tables are fixed, so a
 * test would show it).
 *
 * @example namesByHash(['CN', 'ROLE']).get(nameHash('CN', 0, 2)) === 'CN'
 */
export function namesByHash(names: Iterable<string>): Map<number, string> {
  const table = new Map<number, string>();
  for (const name of names) {
    const h = nameHash(name, 0, name.length);
    const other = table.get(h);
    if (other !== undefined && other !== name) throw new Error(`names ${other} and ${name} share a hash`);
    table.set(h, name);
  }
  return table;
}

/**
 * The plain upper-case name in `s[from, to)`, whose nameHash is `h`: the constant of `table`
 * when it holds the name, else a copy.
 *
 * @example knownName('X;CN=a', 2, 4, nameHash('CN', 0, 2), namesByHash(['CN'])) === 'CN'
 */
export function knownName(s: string, from: number, to: number, h: number, table: ReadonlyMap<number, string>): string {
  const known = table.get(h);
  return known !== undefined && known.length === to - from && s.startsWith(known, from) ? known : s.slice(from, to);
}
