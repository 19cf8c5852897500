/**
 * Imports started over HTTP, kept in memory: each upload becomes a job that waits its turn,
 * runs `importFile` with progress, and ends `done` (with the import's counts) or `failed` (with
 * the importer's message). The store's import ledger keeps the lasting history (`/api/db`);
 * these jobs are what a client polls while a file loads, and are forgotten on restart.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { getFormat, importFile, ImportError } from '../ingest/index.js';
import type { ImportReport } from '../model/index.js';
import type { Store } from '../store/index.js';

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportJob {
  id: string;
  /** The uploaded file's name as the client gave it. */
  file: string;
  /** The format asked for; null = detected from the header. */
  format: string | null;
  status: ImportStatus;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  rows: number;
  bytesRead: number;
  bytesTotal: number;
  /** bytesRead over bytesTotal, 0–100 (100 once done). */
  percent: number;
  /** The import ledger's id once committed. */
  importId: number | null;
  inserted: number | null;
  updated: number | null;
  unchanged: number | null;
  quarantined: number | null;
  warnings: Record<string, number>;
  error: string | null;
}

/** An upload on disk: `path` inside its own temp directory `dir`, removed when the job ends. */
export interface Upload {
  path: string;
  dir: string;
  name: string;
  bytes: number;
}

export interface ImportJobsOptions {
  /** Runs one job's import; the app passes its write serializer so imports and edits queue. */
  exclusive: <T>(task: () => Promise<T>) => Promise<T>;
  /** Called when a job ends, either way (the app empties its response cache). */
  onFinish?: (job: ImportJob) => void;
  /** Finished jobs remembered, newest kept; default 50. */
  keep?: number;
  /** The importer; tests may stub it. Default `importFile`. */
  run?: typeof importFile;
}

export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  private readonly keep: number;
  private readonly runImport: typeof importFile;
  /** Jobs still running or queued, so tests and shutdown can wait for them. */
  private readonly active = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly options: ImportJobsOptions,
  ) {
    this.keep = options.keep ?? 50;
    this.runImport = options.run ?? importFile;
  }

  /** Queues `upload` for import; the returned job is live (its fields change as it runs). */
  add(upload: Upload, format: string | undefined): ImportJob {
    const job: ImportJob = {
      id: randomBytes(8).toString('hex'),
      file: upload.name,
      format: format ?? null,
      status: 'queued',
      created_at: new Date().toISOString(),
      started_at: null,
      finished_at: null,
      rows: 0,
      bytesRead: 0,
      bytesTotal: upload.bytes,
      percent: 0,
      importId: null,
      inserted: null,
      updated: null,
      unchanged: null,
      quarantined: null,
      warnings: {},
      error: null,
    };
    this.jobs.set(job.id, job);
    this.forgetOld();
    const done = this.options
      .exclusive(() => this.execute(job, upload))
      .finally(() => this.active.delete(done));
    this.active.add(done);
    return job;
  }

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  /** Newest first. */
  list(): ImportJob[] {
    return [...this.jobs.values()].reverse();
  }

  /** Resolves when every queued and running job has ended. */
  async idle(): Promise<void> {
    while (this.active.size) await Promise.all(this.active);
  }

  private async execute(job: ImportJob, upload: Upload): Promise<void> {
    job.status = 'running';
    job.started_at = new Date().toISOString();
    try {
      const format = job.format === null ? undefined : await getFormat(job.format);
      const report: ImportReport = await this.runImport(this.store, upload.path, {
        format,
        onProgress: (p) => {
          job.rows = p.rows;
          job.bytesRead = p.bytesRead;
          job.bytesTotal = p.bytesTotal;
          job.percent = p.bytesTotal > 0 ? Math.round((100 * p.bytesRead) / p.bytesTotal) : 0;
        },
      });
      Object.assign(job, {
        status: 'done',
        rows: report.rowsRead,
        percent: 100,
        importId: report.importId,
        inserted: report.inserted,
        updated: report.updated,
        unchanged: report.unchanged,
        quarantined: report.quarantined,
        warnings: report.warnings,
      });
    } catch (err) {
      job.status = 'failed';
      // The importer names the file by its temp path; the client knows it by its own name.
      const message = (err as Error).message.split(upload.path).join(upload.name);
      if (err instanceof ImportError) job.error = message;
      else {
        console.error(`sitrep serve: import ${job.id} (${upload.name}): ${(err as Error).stack}`);
        job.error = `import failed: ${message}`;
      }
    } finally {
      job.finished_at = new Date().toISOString();
      await rm(upload.dir, { recursive: true, force: true });
      this.options.onFinish?.(job);
    }
  }

  /** Drops the oldest finished jobs beyond `keep`; queued and running ones always stay. */
  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter(
      (j) => j.status === 'done' || j.status === 'failed',
    );
    for (const j of finished.slice(0, Math.max(0, finished.length - this.keep))) {
      this.jobs.delete(j.id);
    }
  }
}
