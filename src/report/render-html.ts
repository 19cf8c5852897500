/**
 * The brief as one self-contained HTML file: inline CSS, figures as inline SVG, no scripts and
 * no external requests. Every string that comes from the data (notes, places, actors, the
 * title) is HTML-escaped; the SVGs are built by Sitrep (the map escapes its own names).
 */
import type { Brief, Figure, MixRow } from './brief-types.js';
import { claimsSentences, pct as claimPct } from './claims-text.js';
import { escapeHtml as esc } from './escape.js';
import { pct } from './dispersion-finding.js';
import { formatFilter } from './format.js';

const CSS = `body{font-family:Helvetica,Arial,sans-serif;max-width:760px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
.meta{color:#666;font-size:.9em}.judgments li{margin:.4em 0}
table{border-collapse:collapse;font-size:.9em;margin:.6em 0}th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
td.num{text-align:right}figure{margin:1em 0}figcaption{color:#555;font-size:.85em}svg{max-width:100%;height:auto}`;

export function renderHtml(brief: Brief): string {
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(brief.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${esc(brief.title)}</h1>`,
    `<p class="meta">Generated ${esc(brief.generated_at)} by Sitrep from ${brief.inputs.n.toLocaleString('en-US')} events; filter: ${esc(formatFilter(brief))}.</p>`,
  ];
  if (brief.nothing_to_report) {
    out.push(`<p class="nothing">${esc(brief.nothing_to_report)}</p>`, '</body>', '</html>', '');
    return out.join('\n');
  }
  out.push('<h2>Key judgments</h2>', '<ul class="judgments">');
  out.push(...brief.judgments.map((j) => `<li>${esc(j)}</li>`), '</ul>');
  const figure = (f: Figure) =>
    `<figure>${f.svg.trim()}<figcaption>${esc(f.caption)}</figcaption></figure>`;
  for (const f of brief.figures.filter((g) => g.name === 'tempo' || g.name === 'map')) {
    out.push(`<h2>${f.name === 'map' ? 'Map' : 'Tempo'}</h2>`, figure(f));
  }
  out.push('<h2>Tactics and targets</h2>');
  out.push(
    mixTable('Attack type', brief.mix.attack_type),
    mixTable('Target type', brief.mix.target_type),
  );
  const mixFigure = brief.figures.find((f) => f.name === 'attack-mix');
  if (mixFigure) out.push('<h3>Attack mix over time</h3>', figure(mixFigure));
  const comms = brief.communications;
  const commsFigure = brief.figures.find((f) => f.name === 'communications');
  if (comms && commsFigure) {
    out.push(
      '<h2>Communications volume</h2>',
      `<p>${comms.n.toLocaleString('en-US')} stored documents in the window.</p>`,
      '<table><thead><tr><th>Source</th><th>Documents</th><th>Share</th></tr></thead><tbody>',
      ...comms.by_source.map(
        (s) =>
          `<tr><td>${esc(s.source)}</td><td class="num">${s.n}</td><td class="num">${pct(s.share)}</td></tr>`,
      ),
      '</tbody></table>',
      figure(commsFigure),
    );
  }
  if (brief.claims) {
    out.push(
      '<h2>Claims vs reported attacks</h2>',
      '<ul>',
      ...claimsSentences(brief.claims).map((l) => `<li>${esc(l)}</li>`),
      '</ul>',
      '<table><thead><tr><th>Month</th><th>Reported</th><th>Claimed</th><th>Claim only</th><th>Claimed share</th></tr></thead><tbody>',
      ...brief.claims.by_month.map(
        (m) =>
          `<tr><td>${esc(m.month)}</td><td class="num">${m.reported}</td><td class="num">${m.claimed}</td>` +
          `<td class="num">${m.claim_only}</td><td class="num">${claimPct(m.claimed_share)}</td></tr>`,
      ),
      '</tbody></table>',
    );
  }
  out.push('<h2>Notable incidents (deadliest)</h2>');
  if (brief.incidents.length === 0) out.push('<p>No events with a fatality count.</p>');
  else {
    out.push(
      '<table><thead><tr><th>Date</th><th>Place</th><th>Fatalities</th><th>Source id</th><th>Notes</th></tr></thead><tbody>',
    );
    for (const i of brief.incidents) {
      out.push(
        `<tr><td>${esc(i.date)}</td><td>${esc(i.place)}</td><td class="num">${i.fatalities}</td>` +
          `<td>${esc(i.id)}</td><td>${esc(i.notes ?? '')}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push(
    '<h2>Method and caveats</h2>',
    '<ul>',
    ...brief.method.notes.map((n) => `<li>${esc(n)}</li>`),
    '</ul>',
  );
  out.push(
    '<h3>Data sources</h3>',
    '<table><thead><tr><th>Source</th><th>Licence</th><th>Used for</th></tr></thead><tbody>',
  );
  for (const s of brief.method.data_sources) {
    out.push(
      `<tr><td>${esc(s.name)}</td><td>${esc(s.licence)}</td><td>${esc(s.used_for)}</td></tr>`,
    );
  }
  out.push('</tbody></table>', '</body>', '</html>', '');
  return out.join('\n');
}

function mixTable(title: string, rows: readonly MixRow[]): string {
  if (rows.every((r) => r.key === null))
    return `<p>${esc(title)}: not recorded by the sources.</p>`;
  const body = rows
    .map(
      (r) =>
        `<tr><td>${esc(r.key ?? 'not recorded')}</td><td class="num">${r.n}</td><td class="num">${pct(r.share)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>${esc(title)}</th><th>Events</th><th>Share</th></tr></thead><tbody>${body}</tbody></table>`;
}
