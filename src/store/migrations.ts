/**
 * Versioned schema migrations. Each migration runs once, in order, inside a transaction, and
 * its version is recorded in `schema_migrations`; never edit a released migration, add one.
 */
import type { Store } from './db.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events, documents, evidence, incidents, imports, quarantine, audit',
    sql: `
      CREATE SEQUENCE import_id_seq START 1;
      CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        file VARCHAR NOT NULL,
        file_sha256 VARCHAR NOT NULL,
        format VARCHAR NOT NULL,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP NOT NULL,
        rows_read BIGINT NOT NULL,
        inserted BIGINT NOT NULL,
        updated BIGINT NOT NULL,
        unchanged BIGINT NOT NULL,
        quarantined BIGINT NOT NULL,
        warnings JSON
      );
      CREATE TABLE events (
        id VARCHAR PRIMARY KEY,
        origin VARCHAR NOT NULL,
        extractor VARCHAR,
        source_id VARCHAR NOT NULL,
        external_id VARCHAR,
        date DATE NOT NULL,
        date_end DATE,
        date_precision TINYINT NOT NULL,
        country VARCHAR,
        admin1 VARCHAR,
        admin1_code VARCHAR,
        admin2 VARCHAR,
        admin2_code VARCHAR,
        admin3 VARCHAR,
        admin3_code VARCHAR,
        location VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        geo_precision TINYINT,
        actor1 VARCHAR,
        actor2 VARCHAR,
        attack_type VARCHAR,
        tactics VARCHAR[] NOT NULL,
        target_type VARCHAR,
        fatalities INTEGER,
        fatalities_low INTEGER,
        fatalities_high INTEGER,
        wounded INTEGER,
        claimed BOOLEAN,
        notes VARCHAR,
        confidence DOUBLE,
        raw JSON NOT NULL,
        row_hash VARCHAR NOT NULL,
        import_id INTEGER,
        updated_at TIMESTAMP NOT NULL
      );
      CREATE TABLE quarantine (
        import_id INTEGER NOT NULL,
        file VARCHAR NOT NULL,
        file_sha256 VARCHAR NOT NULL,
        line BIGINT NOT NULL,
        field VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        record VARCHAR NOT NULL,
        PRIMARY KEY (file_sha256, line, field)
      );
      CREATE TABLE documents (
        id VARCHAR PRIMARY KEY,
        source VARCHAR NOT NULL,
        channel VARCHAR,
        author VARCHAR,
        published_at TIMESTAMPTZ,
        lang VARCHAR,
        title VARCHAR,
        text VARCHAR NOT NULL,
        forwarded_from VARCHAR,
        url VARCHAR,
        raw JSON,
        import_id INTEGER
      );
      CREATE TABLE evidence (
        event_id VARCHAR NOT NULL,
        document_id VARCHAR NOT NULL,
        field VARCHAR NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL
      );
      CREATE TABLE incident_members (
        incident_id VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        score DOUBLE NOT NULL,
        reasons VARCHAR[] NOT NULL,
        PRIMARY KEY (incident_id, event_id)
      );
      CREATE TABLE audit (
        changed_at TIMESTAMP NOT NULL,
        actor VARCHAR NOT NULL,
        table_name VARCHAR NOT NULL,
        row_id VARCHAR NOT NULL,
        field VARCHAR NOT NULL,
        old_value JSON,
        new_value JSON
      );
    `,
  },
  {
    version: 2,
    name: 'documents: content and row hashes, updated_at (idempotent re-ingest)',
    sql: `
      ALTER TABLE documents ADD COLUMN content_hash VARCHAR;
      ALTER TABLE documents ADD COLUMN row_hash VARCHAR;
      ALTER TABLE documents ADD COLUMN updated_at TIMESTAMP;
    `,
  },
  {
    version: 3,
    name: 'tokens: API tokens (SHA-256 of the secret only) with roles',
    sql: `
      CREATE SEQUENCE token_id_seq START 1;
      CREATE TABLE tokens (
        id INTEGER PRIMARY KEY,
        name VARCHAR NOT NULL,
        role VARCHAR NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
        token_sha256 VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL,
        revoked_at TIMESTAMP
      );
    `,
  },
  {
    version: 4,
    name: 'document near-duplicates: MinHash LSH buckets and duplicate links',
    sql: `
      CREATE TABLE document_minhash (
        doc_id VARCHAR PRIMARY KEY,
        content_hash VARCHAR,
        norm_hash VARCHAR,
        representative BOOLEAN NOT NULL
      );
      CREATE TABLE document_lsh (
        band SMALLINT NOT NULL,
        bucket BIGINT NOT NULL,
        doc_id VARCHAR NOT NULL
      );
      CREATE TABLE document_duplicates (
        doc_id VARCHAR PRIMARY KEY,
        canonical_id VARCHAR NOT NULL,
        similarity DOUBLE NOT NULL,
        method VARCHAR NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'linking: abstentions kept for review; incident_members without index',
    // A full re-link replaces every membership row; with ART indexes DuckDB's DELETE of a
    // million rows takes minutes, without them a second. The linker itself guarantees one row
    // per event, so the primary key only cost time.
    sql: `
      CREATE TABLE link_abstentions (
        event_a VARCHAR NOT NULL,
        event_b VARCHAR NOT NULL,
        score DOUBLE NOT NULL,
        reasons VARCHAR[] NOT NULL
      );
      CREATE TABLE incident_members_v5 (
        incident_id VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        score DOUBLE NOT NULL,
        reasons VARCHAR[] NOT NULL
      );
      INSERT INTO incident_members_v5 SELECT * FROM incident_members;
      DROP TABLE incident_members;
      ALTER TABLE incident_members_v5 RENAME TO incident_members;
    `,
  },
  {
    version: 6,
    name: 'linking: runs recorded, so corrected events are re-linked once',
    // IF NOT EXISTS: stores linked by a build that created the table on first use.
    sql: `
      CREATE TABLE IF NOT EXISTS link_runs (
        started_at TIMESTAMP NOT NULL,
        full_run BOOLEAN NOT NULL
      );
    `,
  },
];

/** Applies every migration newer than the database's version; returns the versions applied. */
export async function migrate(store: Store): Promise<number[]> {
  await store.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`);
  const row = await store.one<{ v: number | null }>(
    'SELECT max(version) AS v FROM schema_migrations',
  );
  const current = row?.v ?? 0;
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    await store.transaction(async () => {
      await store.run(m.sql);
      await store.run(
        'INSERT INTO schema_migrations VALUES ($version, $name, current_timestamp::TIMESTAMP)',
        { version: m.version, name: m.name },
      );
    });
    applied.push(m.version);
  }
  return applied;
}

/** The newest schema version this build knows. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));
