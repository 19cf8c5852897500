import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimsSummary, linkEvents } from '../link/index.js';
import { reportsStore } from '../link/test-fixture.js';
import type { Store } from '../store/index.js';
import { buildBrief } from './brief.js';
import { claimsSentences } from './claims-text.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-md.js';

let store: Store;
beforeEach(async () => {
  store = await reportsStore();
});
afterEach(() => store.close());

describe('the brief’s claims section', () => {
  it('is absent until incidents are linked (every attack would read as unclaimed)', async () => {
    const brief = await buildBrief(store, { country: ['IRQ'] });
    expect(brief.claims).toBeNull();
    expect(renderMarkdown(brief, 'b').markdown).not.toMatch(/Claims vs reported attacks/);
  });

  it('says what the claims analysis says, in Markdown and HTML', async () => {
    await linkEvents(store);
    const brief = await buildBrief(store, { country: ['IRQ'] });
    expect(brief.claims?.by_status.claimed_reported).toBe(1);
    const direct = await claimsSummary(store, {
      country: ['IRQ'],
      from: brief.inputs.window.from ?? undefined,
      to: brief.inputs.window.to ?? undefined,
    });
    expect(brief.claims).toEqual(direct);
    const md = renderMarkdown(brief, 'b').markdown;
    expect(md).toContain('## Claims vs reported attacks');
    expect(md).toContain(`- ${claimsSentences(direct)[1]!}`);
    expect(renderHtml(brief)).toContain('<h2>Claims vs reported attacks</h2>');
  });
});
