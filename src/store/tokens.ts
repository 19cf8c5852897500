/**
 * API tokens. A token is shown once when created; the store keeps only its SHA-256, so a copy
 * of the database does not hand out access. Roles are ordered: viewer < analyst < admin.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from './db.js';

export const TOKEN_ROLES = ['viewer', 'analyst', 'admin'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** A token as listed (never the secret itself). */
export type TokenInfo = {
  id: number;
  name: string;
  role: TokenRole;
  created_at: string;
  revoked_at: string | null;
};

/** Does `role` grant at least what `needed` grants? */
export function roleAtLeast(role: TokenRole, needed: TokenRole): boolean {
  return TOKEN_ROLES.indexOf(role) >= TOKEN_ROLES.indexOf(needed);
}

/** Hex SHA-256 of a token string: what the `tokens` table stores. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a token with 256 random bits; returns the secret (shown once) and its row. */
export async function createToken(
  store: Store,
  { role, name }: { role: TokenRole; name: string },
): Promise<{ token: string; info: TokenInfo }> {
  const token = `sitrep_${randomBytes(32).toString('base64url')}`;
  const row = await store.one<{ id: number }>(
    `INSERT INTO tokens (id, name, role, token_sha256, created_at)
     VALUES (nextval('token_id_seq'), $name, $role, $hash, current_timestamp::TIMESTAMP)
     RETURNING id`,
    { name, role, hash: hashToken(token) },
  );
  const info = (await listTokens(store, { includeRevoked: true })).find((t) => t.id === row!.id)!;
  return { token, info };
}

const SELECT = `SELECT id, name, role, strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at,
  strftime(revoked_at, '%Y-%m-%d %H:%M:%S') AS revoked_at FROM tokens`;

export async function listTokens(
  store: Store,
  { includeRevoked = false }: { includeRevoked?: boolean } = {},
): Promise<TokenInfo[]> {
  const where = includeRevoked ? '' : 'WHERE revoked_at IS NULL';
  return store.all<TokenInfo>(`${SELECT} ${where} ORDER BY id`);
}

/**
 * Verified tokens, per store, for a few seconds: every API request checks its token, and under
 * load the lookup was most of a cached answer's cost. A revocation through this process clears
 * the store's entries at once; one made by another process (`sitrep token revoke` beside a
 * running server) takes effect within TOKEN_CACHE_MS.
 */
export const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_MAX = 1_000;
const verified = new WeakMap<Store, Map<string, { info: TokenInfo | null; until: number }>>();

/** The live (unrevoked) token with this secret, or null. */
export async function findToken(store: Store, token: string): Promise<TokenInfo | null> {
  const hash = hashToken(token);
  let cache = verified.get(store);
  if (!cache) verified.set(store, (cache = new Map()));
  const now = Date.now();
  const hit = cache.get(hash);
  if (hit && hit.until > now) return hit.info;
  const row = await store.one<TokenInfo>(
    `${SELECT} WHERE token_sha256 = $hash AND revoked_at IS NULL`,
    { hash },
  );
  // Unknown tokens are not remembered: a flood of made-up ones must not evict real ones.
  if (row) {
    if (cache.size >= TOKEN_CACHE_MAX) cache.clear();
    cache.set(hash, { info: row, until: now + TOKEN_CACHE_MS });
  }
  return row ?? null;
}

/** Revokes token `id`; returns false when there is no such live token. */
export async function revokeToken(store: Store, id: number): Promise<boolean> {
  const row = await store.one<{ id: number }>(
    `UPDATE tokens SET revoked_at = current_timestamp::TIMESTAMP
     WHERE id = $id AND revoked_at IS NULL RETURNING id`,
    { id },
  );
  verified.delete(store);
  return row !== undefined;
}
