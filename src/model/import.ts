/** Import runs and rejected rows: what `sitrep import` reports and `sitrep quarantine list` shows. */
import { z } from 'zod';

export const QuarantineRowSchema = z.object({
  import_id: z.number().int(),
  file: z.string(),
  /** 1-based line number where the rejected record starts (the header is line 1). */
  line: z.number().int().positive(),
  field: z.string(),
  reason: z.string(),
  /** The rejected record as the source had it, for review and re-import. */
  record: z.string(),
});
export type QuarantineRow = z.infer<typeof QuarantineRowSchema>;

export interface ImportReport {
  importId: number;
  file: string;
  format: string;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  /** Rows whose id repeated an earlier row of the same file, merged into it (`keep-first` formats). */
  merged: number;
  /** Soft problems that did not reject a row (e.g. "admin1 not in boundaries: kept as given"), counted by kind. */
  warnings: Record<string, number>;
  seconds: number;
}
