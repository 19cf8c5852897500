/**
 * The drawer's incident section: when the event was linked with other reports of the same
 * happening, the incident's claim status and lag, and each other report (source, date, place,
 * casualties) as a button that opens it. Text goes in through textContent only (`h`).
 */
import { getJson, withQuery } from './api.js';
import { h, replace } from './dom.js';
import type { IncidentDetail, IncidentPage } from './types.js';

const STATUS: Record<string, string> = {
  claimed_reported: 'claimed and reported',
  over_claimed: 'over-claimed (claim well above the reported toll)',
  unclaimed: 'reported, not claimed',
  claim_only: 'claimed, no independent report',
};

/**
 * The status in words. An incident with no claim of its own can still be claimed: a report
 * said the group claimed it (the `claimed` field), which the words then say.
 */
function statusText(incident: IncidentDetail): string {
  const text = STATUS[incident.status] ?? incident.status;
  return incident.n_claims === 0 && incident.status !== 'unclaimed'
    ? `${text} (a report says the group claimed it)`
    : text;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The incident `eventId` belongs to, with details, or null when it stands alone. */
export async function incidentOf(eventId: string): Promise<IncidentDetail | null> {
  const page = await getJson<IncidentPage>(
    withQuery('/api/incidents', { event: eventId, minMembers: '2' }),
  );
  const first = page.incidents[0];
  if (!first) return null;
  return getJson<IncidentDetail>(`/api/incidents/${encodeURIComponent(first.id)}`);
}

/** Fills `host` with the incident's summary and its other members; `open` shows one. */
export function renderIncident(
  host: HTMLElement,
  incident: IncidentDetail,
  eventId: string,
  open: (id: string) => void,
): void {
  const others = incident.members.filter((m) => m.event_id !== eventId);
  const place = incident.location ?? incident.admin1 ?? incident.country ?? 'unknown place';
  const lag =
    incident.claim_lag_days === null
      ? null
      : `claimed ${plural(incident.claim_lag_days, 'day')} after the attack`;
  const killed = (n: number | null) => (n === null ? 'killed unknown' : `${n} killed`);
  replace(
    host,
    h('h3', {}, 'Incident'),
    h(
      'p',
      { className: 'incident-summary', dir: 'auto' },
      `${incident.date} · ${place} · ${plural(incident.n_reports, 'report')}, ${plural(incident.n_claims, 'claim')}`,
    ),
    h(
      'dl',
      { className: 'fields' },
      h('dt', {}, 'Claim status'),
      h('dd', { attrs: { 'data-status': incident.status } }, statusText(incident)),
      h('dt', {}, 'Claim lag'),
      h('dd', {}, lag ?? '—'),
      h('dt', {}, 'Killed'),
      h(
        'dd',
        {},
        incident.fatalities_low !== null && incident.fatalities_low !== incident.fatalities_high
          ? `${incident.fatalities_low}–${incident.fatalities_high} across reports`
          : killed(incident.fatalities),
      ),
    ),
    h('h4', {}, `Other ${others.length === 1 ? 'report' : 'reports'} of this incident`),
    h(
      'ul',
      { className: 'incident-members' },
      ...others.map((m) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              className: 'member',
              attrs: { type: 'button', 'data-event': m.event_id },
              title: m.reasons.join('; '),
              on: { click: () => open(m.event_id) },
            },
            h('span', { className: 'member-source' }, `${m.source_id} (${m.role})`),
            h(
              'span',
              { dir: 'auto' },
              ` · ${m.date} · ${m.location ?? place} · ${killed(m.fatalities)}`,
            ),
          ),
        ),
      ),
    ),
  );
}
