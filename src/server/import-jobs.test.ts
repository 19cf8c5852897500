/**
 * The import queue on its own, with a stub importer that finishes when told: one job runs at a
 * time, the rest wait as `queued`; progress is a percentage; every end is reported once.
 */
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ImportReport } from '../model/index.js';
import type { Store } from '../store/index.js';
import { ImportJobs, type ImportJob, type Upload } from './import-jobs.js';
import { serializer } from './serialize.js';

function upload(name: string): Upload {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-jobs-test-'));
  const path = join(dir, name);
  writeFileSync(path, 'a,b\n1,2\n');
  return { path, dir, name, bytes: 8 };
}

const report = (rows: number): ImportReport => ({
  importId: 7,
  file: 'x',
  format: 'acled',
  rowsRead: rows,
  inserted: rows,
  updated: 0,
  unchanged: 0,
  quarantined: 0,
  merged: 0,
  warnings: {},
  seconds: 0,
});

describe('ImportJobs', () => {
  it('runs one import at a time, queues the rest, reports progress and each end', async () => {
    const release: (() => void)[] = [];
    const ended: ImportJob[] = [];
    const jobs = new ImportJobs({} as Store, {
      exclusive: serializer(),
      onFinish: (j) => ended.push({ ...j }),
      run: async (_store, _path, options) => {
        options?.onProgress?.({ rows: 5, bytesRead: 2, bytesTotal: 8 });
        await new Promise<void>((done) => release.push(done));
        return report(10);
      },
    });
    const a = upload('a.csv');
    const first = jobs.add(a, 'acled');
    const second = jobs.add(upload('b.csv'), undefined);
    // Wait on the job's own signals, not a fixed sleep: a loaded CI machine is slow to run them.
    await vi.waitFor(() => expect(release).toHaveLength(1));
    expect(first).toMatchObject({ status: 'running', rows: 5, percent: 25 });
    expect(second.status).toBe('queued');
    expect(release).toHaveLength(1);

    release[0]!();
    // onFinish runs after the upload's directory is removed.
    await vi.waitFor(() => expect(ended).toHaveLength(1), { timeout: 5000 });
    expect(first).toMatchObject({ status: 'done', rows: 10, inserted: 10, percent: 100 });
    expect(existsSync(a.dir)).toBe(false);
    await vi.waitFor(() => expect(release).toHaveLength(2));
    expect(second.status).toBe('running');
    release[1]!();
    await jobs.idle();
    expect(ended.map((j) => [j.file, j.status])).toEqual([
      ['a.csv', 'done'],
      ['b.csv', 'done'],
    ]);
    expect(jobs.list().map((j) => j.file)).toEqual(['b.csv', 'a.csv']);
  });

  it('keeps the newest finished jobs only', async () => {
    const jobs = new ImportJobs({} as Store, {
      exclusive: serializer(),
      keep: 2,
      run: () => Promise.resolve(report(1)),
    });
    for (const name of ['1.csv', '2.csv', '3.csv']) {
      jobs.add(upload(name), undefined);
      await jobs.idle();
    }
    jobs.add(upload('4.csv'), undefined);
    await jobs.idle();
    expect(jobs.list().map((j) => j.file)).toEqual(['4.csv', '3.csv', '2.csv']);
  });
});
