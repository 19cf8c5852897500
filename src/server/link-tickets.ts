/**
 * Short-lived links for pages a browser opens in a tab of its own (the brief): a new tab cannot
 * send the dashboard's `Authorization` header, so the dashboard asks for a ticket and opens
 * `…&ticket=…`. A ticket reads one path only, as the caller who asked for it, for
 * TICKET_TTL_MS; it is a bearer secret in a URL, so it is never valid for long or for writes.
 */
import { randomBytes } from 'node:crypto';
import type { Principal } from './auth.js';

/** How long a link works (the tab may be reloaded meanwhile): 10 minutes. */
export const TICKET_TTL_MS = 10 * 60_000;
const MAX_TICKETS = 10_000;

export class LinkTickets {
  private readonly tickets = new Map<
    string,
    { principal: Principal; path: string; until: number }
  >();

  /** A ticket letting `principal` GET `path` for TICKET_TTL_MS. */
  issue(principal: Principal, path: string): string {
    const now = Date.now();
    for (const [k, t] of this.tickets) if (t.until <= now) this.tickets.delete(k);
    // Oldest first (Map order): a flood of requests cannot grow this without bound.
    while (this.tickets.size >= MAX_TICKETS) this.tickets.delete(this.tickets.keys().next().value!);
    const ticket = randomBytes(24).toString('base64url');
    this.tickets.set(ticket, { principal, path, until: now + TICKET_TTL_MS });
    return ticket;
  }

  /** Who the ticket speaks for on `path`, or null (unknown, expired, or another path). */
  resolve(ticket: string, path: string): Principal | null {
    const t = this.tickets.get(ticket);
    if (!t || t.until <= Date.now() || t.path !== path) return null;
    return t.principal;
  }
}
