/**
 * Strings built by concatenation are, in V8, trees of their parts until something reads their
 * characters; the engine then copies them into one piece. Strings that outlive the import (keys,
 * descriptions) are best made flat while they are young: a tree of many small parts costs the
 * collector more to keep than the flat copy, and sorting or hashing them later would flatten
 * them anyway.
 */

/**
 * `s`, made a flat string: reading one character is enough. The value is unchanged.
 *
 * @example flatString('a' + 'b'.repeat(20)) === 'a' + 'b'.repeat(20)
 */
export function flatString(s: string): string {
  s.charCodeAt(0);
  return s;
}
