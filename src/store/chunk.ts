/**
 * Splits `items` into consecutive slices of at most `size` items.
 * Batches keep each statement under the engines' bound-parameter limits
 * (32,766 on SQLite, 65,535 on PostgreSQL).
 *
 * @example chunk([1, 2, 3], 2) // [[1, 2], [3]]
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
