/**
 * A marker for queries whose rows should come back as arrays of column values in select-list
 * order rather than as objects. better-sqlite3 builds row objects property by property from
 * native code, which for the availability hot path (thousands of rows of 14 columns) cost
 * about as much as the query itself; arrays turned into objects in JavaScript are several
 * times cheaper. The SQLite connection sets raw mode on statements that carry the marker; on
 * PostgreSQL it is an ordinary comment and rows stay objects, so readers accept both.
 *
 * @example db.selectFrom('events').modifyFront(sql.raw(ARRAY_ROWS)).select(['a', 'b'])
 */
export const ARRAY_ROWS = '/* kairos:array-rows */';

/**
 * The values of `row` in `columns` order: the row itself when it already is an array (a
 * query marked with ARRAY_ROWS on SQLite), else read from the object by name.
 *
 * @example rowValues({ a: 1, b: 2 }, ['a', 'b']) // [1, 2]
 */
export function rowValues(row: unknown, columns: readonly string[]): readonly unknown[] {
  if (Array.isArray(row)) return row;
  const object = row as Record<string, unknown>;
  return columns.map((c) => object[c]);
}
