/**
 * The event drawer: the event's fields, each source document's text with the evidence spans
 * marked (`<mark>` per span, built with createElement/textContent: the text is propaganda and
 * news, never markup), review controls that PATCH corrections (analysts; the server refuses
 * viewers with 403 and the drawer says so), the event's audit trail, and the incident it was
 * linked into with the other reports of it.
 */
import { RequestError, getJson, sendJson, withQuery } from './api.js';
import { byId, h, replace } from './dom.js';
import { segments } from './highlight.js';
import { incidentOf, renderIncident } from './incident.js';
import type { ApiEvent, AuditEntry, Document, EventDetail, Evidence, Facets } from './types.js';

const FIELDS: [keyof ApiEvent, string][] = [
  ['date', 'Date'],
  ['country', 'Country'],
  ['admin1', 'Governorate'],
  ['admin2', 'District'],
  ['location', 'Location'],
  ['actor1', 'Actor'],
  ['actor2', 'Against'],
  ['attack_type', 'Attack type'],
  ['target_type', 'Target'],
  ['fatalities', 'Killed'],
  ['wounded', 'Wounded'],
  ['claimed', 'Claimed'],
  ['origin', 'Origin'],
  ['source_id', 'Source'],
  ['confidence', 'Confidence'],
  ['notes', 'Notes'],
];

const show = (v: unknown): string =>
  v === null || v === undefined ? '—' : Array.isArray(v) ? v.join(', ') : String(v);

export class Drawer {
  private readonly el = byId('drawer');
  private readonly body = byId('drawer-body');
  private returnFocus: HTMLElement | null = null;
  private current: string | null = null;
  /** The detail on screen, kept to redraw after a correction. */
  private shown: EventDetail | null = null;

  /** Values offered by the review selects; set once /api/map/facets answers. */
  facets: Facets | null = null;

  constructor(private readonly onChange: () => void) {
    byId('drawer-close').addEventListener('click', () => this.close());
    document.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && !this.el.hidden) this.close();
    });
  }

  async open(id: string): Promise<void> {
    if (this.el.hidden) this.returnFocus = document.activeElement as HTMLElement | null;
    this.current = id;
    this.el.hidden = false;
    replace(this.body, h('p', {}, 'Loading…'));
    byId('drawer-close').focus();
    try {
      const detail = await getJson<EventDetail>(`/api/events/${encodeURIComponent(id)}`);
      if (this.current !== id) return;
      this.render(detail);
    } catch (err) {
      replace(this.body, h('p', { className: 'error' }, (err as Error).message));
    }
  }

  close(): void {
    this.el.hidden = true;
    this.current = null;
    this.returnFocus?.focus();
  }

  private render(detail: EventDetail): void {
    const { event, evidence, documents } = detail;
    this.shown = detail;
    byId('drawer-title').textContent = `${event.attack_type ?? 'event'} · ${event.date}`;
    replace(
      this.body,
      h(
        'dl',
        { className: 'fields' },
        ...FIELDS.flatMap(([k, title]) => [
          h('dt', {}, title),
          h('dd', { dir: 'auto' }, show(event[k])),
        ]),
      ),
      documents.length
        ? h('h3', {}, `Source ${documents.length === 1 ? 'document' : 'documents'}`)
        : h('p', { className: 'muted' }, 'No source documents (imported from a dataset).'),
      ...documents.map((d) =>
        this.document(
          d,
          evidence.filter((e) => e.document_id === d.id),
        ),
      ),
      h('section', { id: 'incident', className: 'incident', attrs: { 'aria-live': 'polite' } }),
      event.origin === 'extracted' ? this.review(event) : null,
      event.origin === 'extracted' ? h('section', { id: 'audit', className: 'audit' }) : null,
    );
    if (event.origin === 'extracted') void this.loadAudit(event.id);
    void this.loadIncident(event.id);
  }

  private async loadIncident(id: string): Promise<void> {
    try {
      const incident = await incidentOf(id);
      const host = document.getElementById('incident');
      if (!incident || !host || this.current !== id) return;
      renderIncident(host, incident, id, (other) => void this.open(other));
    } catch (err) {
      const host = document.getElementById('incident');
      if (host && this.current === id) {
        replace(host, h('p', { className: 'muted' }, `Incident: ${(err as Error).message}`));
      }
    }
  }

  private document(d: Document, spans: Evidence[]): HTMLElement {
    const text = h('p', { className: 'doc-text', dir: 'auto' });
    if (d.lang) text.lang = d.lang;
    for (const s of segments(d.text, spans)) {
      if (s.fields.length === 0) text.appendChild(document.createTextNode(s.text));
      else {
        text.appendChild(
          h(
            'mark',
            {
              title: `evidence for ${s.fields.join(', ')}`,
              attrs: { 'data-field': s.fields.join(' ') },
            },
            s.text,
          ),
        );
      }
    }
    const meta = [d.source, d.channel, d.author, d.published_at, d.lang]
      .filter(Boolean)
      .join(' · ');
    return h(
      'article',
      { className: 'document', attrs: { 'data-doc': d.id } },
      d.title ? h('h4', { dir: 'auto' }, d.title) : null,
      h('p', { className: 'muted', dir: 'auto' }, meta),
      text,
      spans.length
        ? h(
            'p',
            { className: 'muted' },
            `Highlighted: ${[...new Set(spans.map((s) => s.field))].join(', ')}`,
          )
        : null,
    );
  }

  private review(event: ApiEvent): HTMLElement {
    const options = (values: string[], current: string | null) => {
      const all = [...new Set([...(current ? [current] : []), ...values])];
      return [
        h('option', { attrs: { value: '' } }, '—'),
        ...all.map((v) => h('option', { attrs: { value: v } }, v.replace(/_/g, ' '))),
      ];
    };
    const type = h(
      'select',
      { id: 'r-attack_type' },
      ...options(
        (this.facets?.attack_type ?? []).map((f) => f.value),
        event.attack_type,
      ),
    );
    type.value = event.attack_type ?? '';
    const target = h(
      'select',
      { id: 'r-target_type' },
      ...options(
        (this.facets?.target_type ?? []).map((f) => f.value),
        event.target_type,
      ),
    );
    target.value = event.target_type ?? '';
    const killed = h('input', {
      id: 'r-fatalities',
      attrs: { type: 'number', min: '0', step: '1' },
    });
    killed.value = event.fatalities === null ? '' : String(event.fatalities);
    const claimed = h(
      'select',
      { id: 'r-claimed' },
      h('option', { attrs: { value: '' } }, 'unknown'),
      h('option', { attrs: { value: 'true' } }, 'yes'),
      h('option', { attrs: { value: 'false' } }, 'no'),
    );
    claimed.value = event.claimed === null ? '' : String(event.claimed);
    const result = h('p', {
      id: 'review-result',
      attrs: { role: 'status', 'aria-live': 'polite' },
    });
    const form = h(
      'form',
      { className: 'review', attrs: { 'aria-label': 'Correct this event' } },
      h('h3', {}, 'Review'),
      h('label', {}, 'Attack type ', type),
      h('label', {}, 'Target ', target),
      h('label', {}, 'Killed ', killed),
      h('label', {}, 'Claimed ', claimed),
      h('button', { id: 'review-save', attrs: { type: 'submit' } }, 'Save correction'),
      result,
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const patch = {
        attack_type: type.value || null,
        target_type: target.value || null,
        fatalities: killed.value === '' ? null : Number(killed.value),
        claimed: claimed.value === '' ? null : claimed.value === 'true',
      };
      result.className = '';
      result.textContent = 'Saving…';
      sendJson<{ event: ApiEvent; changes: unknown[] }>(
        'PATCH',
        `/api/events/${encodeURIComponent(event.id)}`,
        patch,
      )
        .then((r) => {
          this.onChange();
          // Redraw with what the server stored, then say what changed.
          if (this.shown && this.current === event.id)
            this.render({ ...this.shown, event: r.event });
          const saved = document.getElementById('review-result');
          if (saved) {
            saved.textContent = r.changes.length
              ? `Saved ${r.changes.length} change(s).`
              : 'Nothing changed.';
          }
        })
        .catch((err: unknown) => {
          result.className = 'error';
          result.textContent =
            err instanceof RequestError ? `${err.status}: ${err.message}` : String(err);
        });
    });
    return form;
  }

  private async loadAudit(id: string): Promise<void> {
    const host = document.getElementById('audit');
    if (!host) return;
    try {
      const { entries } = await getJson<{ entries: AuditEntry[] }>(
        withQuery('/api/audit', { table: 'events', row_id: id, limit: '50' }),
      );
      replace(
        host,
        h('h3', {}, 'Audit log'),
        entries.length
          ? h(
              'ol',
              { className: 'audit-list' },
              ...entries.map((e) =>
                h(
                  'li',
                  {},
                  `${e.changed_at} · ${e.actor} · ${e.field}: ${show(e.old_value)} → ${show(e.new_value)}`,
                ),
              ),
            )
          : h('p', { className: 'muted' }, 'No corrections yet.'),
      );
    } catch (err) {
      const why =
        err instanceof RequestError && err.status === 403
          ? 'needs an analyst token'
          : (err as Error).message;
      replace(host, h('h3', {}, 'Audit log'), h('p', { className: 'muted' }, `Audit log ${why}.`));
    }
  }
}
