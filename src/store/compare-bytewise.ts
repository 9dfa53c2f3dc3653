/**
 * Orders strings by their UTF-8 bytes. Used instead of SQL ORDER BY where the protocol asks
 * for bytewise order, because PostgreSQL sorts text by the database's collation
 * (en_US sorts `a` before `B`), while SQLite sorts bytewise.
 *
 * @example ['b', 'B', '_'].sort(compareBytewise) // ['B', '_', 'b']
 */
export function compareBytewise(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
