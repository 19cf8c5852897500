/**
 * Who is calling: `Authorization: Bearer <token>` resolved against the `tokens` table, and
 * role checks (viewer < analyst < admin). A bad or revoked token is a 401, never anonymous.
 */
import type { Context, MiddlewareHandler } from 'hono';
import {
  findToken,
  roleAtLeast,
  type Store,
  type TokenInfo,
  type TokenRole,
} from '../store/index.js';
import { ApiError } from './errors.js';
import type { LinkTickets } from './link-tickets.js';

export type Principal = Pick<TokenInfo, 'id' | 'name' | 'role'>;

export interface AppEnv {
  Variables: { principal: Principal | null };
}

/**
 * Sets `principal` from the bearer token (null without an Authorization header), or for a GET
 * without one, from a `ticket` query parameter issued by `tickets` for this path.
 */
export function authenticate(store: Store, tickets?: LinkTickets): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const ticket = c.req.method === 'GET' ? c.req.query('ticket') : undefined;
    if (header === undefined && ticket !== undefined && tickets) {
      const principal = tickets.resolve(ticket, c.req.path);
      if (!principal)
        throw new ApiError(401, 'unauthorized', 'this link has expired: open it again');
      c.set('principal', principal);
      return next();
    }
    if (header === undefined) {
      c.set('principal', null);
      return next();
    }
    const m = /^Bearer ([\w.~+/-]+=*)$/.exec(header.trim());
    const token = m ? await findToken(store, m[1]!) : null;
    if (!token) {
      throw new ApiError(401, 'unauthorized', 'invalid or revoked token', undefined, {
        'WWW-Authenticate': 'Bearer',
      });
    }
    c.set('principal', { id: token.id, name: token.name, role: token.role });
    return next();
  };
}

/** Refuses the request unless the caller's role is at least `role` (401 anonymous, 403 below). */
export function requireRole(role: TokenRole): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    checkRole(c, role);
    return next();
  };
}

export function checkRole(c: Context<AppEnv>, role: TokenRole): Principal {
  const p = c.get('principal');
  if (!p) {
    throw new ApiError(401, 'unauthorized', `a ${role} token is required`, undefined, {
      'WWW-Authenticate': 'Bearer',
    });
  }
  if (!roleAtLeast(p.role, role)) {
    throw new ApiError(403, 'forbidden', `role ${p.role} may not do this (needs ${role})`);
  }
  return p;
}

/** How the audit log names a caller. @example actorName({ id: 3, name: 'alice' }) // 'alice (token 3)' */
export function actorName(p: Principal): string {
  return `${p.name} (token ${p.id})`;
}
