/**
 * The brief as Markdown. Figures are written as SVG files next to the .md file
 * (`<stem>-tempo.svg`, `<stem>-map.svg`) and referenced by relative path, so the Markdown stays
 * readable as text and renders on GitHub and in editors. Untrusted text (notes, places) is
 * escaped: Markdown passes raw HTML through.
 */
import type { Brief, Figure, MixRow } from './brief-types.js';
import { claimsSentences, pct as claimPct } from './claims-text.js';
import { escapeMarkdown as esc } from './escape.js';
import { pct } from './dispersion-finding.js';
import { formatFilter } from './format.js';

export interface MarkdownOutput {
  markdown: string;
  /** Figure files to write beside the Markdown: relative path → SVG text. */
  files: { path: string; content: string }[];
}

/** Renders `brief`; `stem` names the figure files (usually the .md file name without extension). */
export function renderMarkdown(brief: Brief, stem: string): MarkdownOutput {
  const out: string[] = [`# ${esc(brief.title)}`, ''];
  out.push(
    `_Generated ${brief.generated_at} by Sitrep from ${brief.inputs.n.toLocaleString('en-US')} events; filter: ${esc(formatFilter(brief))}._`,
    '',
  );
  if (brief.nothing_to_report) {
    out.push(esc(brief.nothing_to_report), '');
    return { markdown: out.join('\n'), files: [] };
  }
  out.push('## Key judgments', '', ...brief.judgments.map((j) => `- ${esc(j)}`), '');
  const files: MarkdownOutput['files'] = [];
  const figure = (f: Figure): string[] => {
    const path = `${stem}-${f.name}.svg`;
    files.push({ path, content: f.svg });
    return [`![${esc(f.caption)}](${encodeURI(path)})`, '', `_${esc(f.caption)}._`, ''];
  };
  for (const f of brief.figures.filter((g) => g.name === 'tempo' || g.name === 'map')) {
    out.push(`## ${f.name === 'map' ? 'Map' : 'Tempo'}`, '', ...figure(f));
  }
  out.push('## Tactics and targets', '', ...mixTable('Attack type', brief.mix.attack_type), '');
  out.push(...mixTable('Target type', brief.mix.target_type), '');
  const mixFigure = brief.figures.find((f) => f.name === 'attack-mix');
  if (mixFigure) out.push('### Attack mix over time', '', ...figure(mixFigure));
  const comms = brief.communications;
  const commsFigure = brief.figures.find((f) => f.name === 'communications');
  if (comms && commsFigure) {
    out.push(
      '## Communications volume',
      '',
      `${comms.n.toLocaleString('en-US')} stored documents in the window.`,
      '',
    );
    out.push('| Source | Documents | Share |', '|---|---:|---:|');
    for (const s of comms.by_source) out.push(`| ${esc(s.source)} | ${s.n} | ${pct(s.share)} |`);
    out.push('', ...figure(commsFigure));
  }
  if (brief.claims) {
    out.push(
      '## Claims vs reported attacks',
      '',
      ...claimsSentences(brief.claims).map((l) => `- ${esc(l)}`),
      '',
    );
    out.push(
      '| Month | Reported | Claimed | Claim only | Claimed share |',
      '|---|---:|---:|---:|---:|',
    );
    for (const m of brief.claims.by_month) {
      out.push(
        `| ${m.month} | ${m.reported} | ${m.claimed} | ${m.claim_only} | ${claimPct(m.claimed_share)} |`,
      );
    }
    out.push('');
  }
  out.push('## Notable incidents (deadliest)', '');
  if (brief.incidents.length === 0) out.push('No events with a fatality count.', '');
  else {
    out.push('| Date | Place | Fatalities | Source id | Notes |', '|---|---|---:|---|---|');
    for (const i of brief.incidents) {
      out.push(
        `| ${i.date} | ${esc(i.place)} | ${i.fatalities} | ${esc(i.id)} | ${esc(i.notes ?? '')} |`,
      );
    }
    out.push('');
  }
  out.push('## Method and caveats', '', ...brief.method.notes.map((n) => `- ${esc(n)}`), '');
  out.push('### Data sources', '', '| Source | Licence | Used for |', '|---|---|---|');
  for (const s of brief.method.data_sources)
    out.push(`| ${esc(s.name)} | ${esc(s.licence)} | ${esc(s.used_for)} |`);
  out.push('');
  return { markdown: out.join('\n'), files };
}

function mixTable(title: string, rows: readonly MixRow[]): string[] {
  if (rows.every((r) => r.key === null)) return [`${title}: not recorded by the sources.`];
  return [
    `| ${title} | Events | Share |`,
    '|---|---:|---:|',
    ...rows.map((r) => `| ${esc(r.key ?? 'not recorded')} | ${r.n} | ${pct(r.share)} |`),
  ];
}
