/** Where the database lives: `--db PATH`, else `$SITREP_DB`, else `./sitrep.duckdb`. */
export const DEFAULT_DB = 'sitrep.duckdb';

export function resolveDbPath(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.SITREP_DB || DEFAULT_DB;
}
