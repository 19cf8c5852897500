/** `sitrep token create|list|revoke` and `sitrep serve` flag checks, on a temporary database. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerServe } from '../cli/serve-command.js';
import { registerToken } from '../cli/token-command.js';
import { findToken, Store } from '../store/index.js';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sitrep-token-'));
  db = join(dir, 'test.duckdb');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs `sitrep …args` with these commands; returns what it printed to stdout. */
async function run(...args: string[]): Promise<string> {
  const program = new Command('sitrep')
    .option('--db <path>')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined });
  registerToken(program);
  registerServe(program);
  for (const c of program.commands) {
    c.exitOverride();
    for (const s of c.commands) s.exitOverride();
  }
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await program.parseAsync(['node', 'sitrep', '--db', db, ...args]);
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
  return out.join('\n');
}

describe('sitrep token', () => {
  it('creates a token printed once, lists it without the secret, and revokes it', async () => {
    const secret = await run('token', 'create', '--role', 'analyst', '--name', 'alice');
    expect(secret).toMatch(/^sitrep_[\w-]{43}$/);

    const listed = JSON.parse(await run('token', 'list', '--json')) as Record<string, unknown>[];
    expect(listed).toEqual([
      expect.objectContaining({ id: 1, name: 'alice', role: 'analyst', revoked_at: null }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(secret);

    const store = await Store.open(db);
    try {
      expect(await findToken(store, secret)).toMatchObject({ name: 'alice', role: 'analyst' });
    } finally {
      store.close();
    }

    expect(await run('token', 'revoke', '1')).toBe('token 1 revoked');
    expect(await run('token', 'list')).toBe('no tokens');
    await expect(run('token', 'revoke', '1')).rejects.toThrow('no live token 1');
  });

  it('refuses an unknown role', async () => {
    await expect(run('token', 'create', '--role', 'root')).rejects.toThrow(/--role/);
  });
});

describe('sitrep serve', () => {
  it('refuses a port out of range before opening anything', async () => {
    await expect(run('serve', '--port', '70000')).rejects.toThrow(/--port/);
  });
});
