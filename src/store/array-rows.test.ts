import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ARRAY_ROWS, rowValues } from './array-rows.js';
import { openSqlite } from './sqlite/open-sqlite.js';

describe('array rows', () => {
  it('SQLite returns marked queries as arrays in select-list order, and others as objects', async () => {
    const db = openSqlite(':memory:');
    try {
      await sql`create table t (a integer, b text)`.execute(db);
      await sql`insert into t values (1, 'x'), (2, 'y')`.execute(db);
      const plain = await sql<unknown>`select b, a from t order by a`.execute(db);
      const marked = await sql<unknown>`select ${sql.raw(ARRAY_ROWS)} b, a from t order by a`.execute(db);
      expect(plain.rows).toEqual([{ b: 'x', a: 1 }, { b: 'y', a: 2 }]);
      expect(marked.rows).toEqual([['x', 1], ['y', 2]]);
      // The same text without the marker, run after it, still gets objects (statements are cached by text).
      expect((await sql<unknown>`select b, a from t order by a`.execute(db)).rows).toEqual(plain.rows);
    } finally {
      await db.destroy();
    }
  });

  it('rowValues reads arrays as they are and objects by column name', () => {
    expect(rowValues(['x', 1], ['b', 'a'])).toEqual(['x', 1]);
    expect(rowValues({ a: 1, b: 'x' }, ['b', 'a'])).toEqual(['x', 1]);
  });
});
