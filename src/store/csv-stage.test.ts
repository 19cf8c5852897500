import { describe, expect, it } from 'vitest';
import { locatePoints } from './csv-stage.js';
import { Store } from './index.js';

describe('locatePoints', () => {
  it('locates every distinct point of a large file, however many chunks the read takes', async () => {
    const store = await Store.open(':memory:');
    try {
      // 300,000 distinct points (about 150 of DuckDB's 2,048-row chunks), as the first pass
      // leaves them; a few rows not ok and a few without coordinates, which must be skipped.
      await store.run(`CREATE VIEW import_stage_ready AS
        SELECT 30 + i / 100000.0 AS lat, 40 + i / 100000.0 AS lon, i % 1000 <> 7 AS ok
        FROM range(300000) t(i)
        UNION ALL SELECT NULL, NULL, true FROM range(5)`);
      let calls = 0;
      await locatePoints(store, (lon, lat) => {
        calls++;
        return Math.round((lat - 30) * 100000) % 3 === 0 ? -1 : 1;
      });
      const got = await store.one<{ n: number; outside: number; wrong: number }>(
        `SELECT count(*)::INTEGER AS n,
           count(*) FILTER (WHERE unit = -1)::INTEGER AS outside,
           count(*) FILTER (WHERE unit <> CASE WHEN round((lat - 30) * 100000)::BIGINT % 3 = 0
             THEN -1 ELSE 1 END)::INTEGER AS wrong
         FROM import_stage_points`,
      );
      expect(calls).toBe(299_700);
      expect(got).toEqual({ n: 299_700, outside: 99_900, wrong: 0 });
    } finally {
      store.close();
    }
  });
});
