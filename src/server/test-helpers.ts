/** Test helpers for the API: a store with tokens, and requests that carry one. */
import { createToken, type Store, type TokenRole } from '../store/index.js';

export type Tokens = Record<TokenRole, string>;

/** Creates one token per role, named after the role. */
export async function roleTokens(store: Store): Promise<Tokens> {
  const out: Partial<Tokens> = {};
  for (const role of ['viewer', 'analyst', 'admin'] as const) {
    out[role] = (await createToken(store, { role, name: role })).token;
  }
  return out as Tokens;
}

/** Request init with a bearer token (and a JSON body when given). */
export function as(token: string, init: { method?: string; body?: unknown } = {}): RequestInit {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  };
}
