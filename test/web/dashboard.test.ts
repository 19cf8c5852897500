/**
 * The dashboard end to end: the real server in process on 127.0.0.1 (random port) over a temp
 * DuckDB holding the small fixture, driven in Debian's Chromium through playwright-core.
 * Screenshots go to test-artifacts/web/ (look at them: the map, the drawer, the payloads).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { commsVolume } from '../../src/analyze/index.js';
import { claimsSummary, linkEvents } from '../../src/link/index.js';
import { launchChromium } from '../../src/report/chromium.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { as, roleTokens, type Tokens } from '../../src/server/test-helpers.js';
import { incidentOfEvent, listAudit, Store } from '../../src/store/index.js';
import {
  ARABIC,
  ARABIC_TEXT,
  ENGLISH,
  ENGLISH_TEXT,
  HOSTILE,
  HOSTILE_TEXT,
  loadFixture,
  type Fixture,
} from './fixture.js';

// Browser globals used inside page.evaluate callbacks: this file compiles with the Node libs
// only, so they are declared here, module-scoped, with just what the callbacks touch.
interface Pixels {
  drawImage(img: unknown, x: number, y: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}
declare const window: { __xss?: number; __sitrepReady?: number };
declare const document: {
  activeElement: { getAttribute(name: string): string | null } | null;
  createElement(tag: 'canvas'): { width: number; height: number; getContext(kind: '2d'): Pixels };
};
declare const Image: new () => {
  src: string;
  width: number;
  height: number;
  decode(): Promise<void>;
};
declare function getComputedStyle(el: unknown): { direction: string };

const WEB_DIST = join(process.cwd(), 'web', 'dist');
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'web');

let dir: string;
let store: Store;
let fixture: Fixture;
let tokens: Tokens;
let server: RunningServer;
let browser: Browser;
/** Problems any page reported: uncaught errors, CSP refusals, dialogs (alert = executed payload). */
const problems: string[] = [];

beforeAll(async () => {
  // `npm test` builds web/dist first; a lone `vitest run test/web` builds it when missing.
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    await build({ configFile: join(process.cwd(), 'web', 'vite.config.ts'), logLevel: 'error' });
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'sitrep-web-'));
  store = await Store.open(join(dir, 'web.duckdb'));
  fixture = await loadFixture(store);
  await linkEvents(store);
  tokens = await roleTokens(store);
  server = await startServer({
    store,
    port: 0,
    host: '127.0.0.1',
    auth: { anonymousRead: false },
    webRoot: WEB_DIST,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh tab logged in with `token`, once the map has drawn and the table has rows. */
async function dashboard(token: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // 401/403 answers are the app's business (the viewer test expects one); anything else
    // logged as an error (a 404 asset, a CSP refusal, an exception) is a problem.
    if (msg.type() === 'error' && !/status of 40[13] /.test(msg.text())) {
      problems.push(`console: ${msg.text()}`);
    }
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${server.url}/#token=${token}`);
  await page.waitForSelector('#map[data-ready="true"]', { state: 'attached', timeout: 40_000 });
  await page.waitForSelector('.rows .row');
  return page;
}

/** Polls patiently: `npm test` runs every suite at once on two cores. */
const SLOW = { timeout: 15_000 };
const countText = (page: Page) => page.locator('#count').textContent();
const expectCount = async (page: Page, n: number) =>
  expect.poll(() => countText(page), SLOW).toBe(n.toLocaleString('en-US'));

/** Distinct colours in a PNG, decoded by the browser itself (no image library needed). */
async function distinctColours(page: Page, png: Buffer): Promise<number> {
  const blank = await page.context().newPage();
  const n = await blank.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4)
      seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  }, png.toString('base64'));
  await blank.close();
  return n;
}

describe('dashboard', () => {
  let admin: Page;

  it('loads over one origin and draws the map: governorates, events, rivers', async () => {
    const t0 = Date.now();
    admin = await dashboard(tokens.admin);
    const loadedMs = Date.now() - t0;
    const nav = await admin.evaluate(() => Math.round(performance.now()));
    console.log(
      `dashboard first load: ${loadedMs} ms to map drawn + table rows (page clock ${nav} ms)`,
    );

    await expectCount(admin, fixture.events.length);
    // The token from the URL moved to sessionStorage and left the address bar.
    expect(admin.url()).not.toContain('token=');
    const map = admin.locator('#map');
    // Set on each MapLibre 'idle' from queryRenderedFeatures: what is actually drawn.
    await expect
      .poll(async () => Number(await map.getAttribute('data-admin1')), SLOW)
      .toBeGreaterThan(10);
    await expect
      .poll(async () => Number(await map.getAttribute('data-points')), SLOW)
      .toBeGreaterThan(5);
    const shot = await map.screenshot({ path: join(ARTIFACTS, 'map.png') });
    // A blank or failed WebGL canvas is one or two colours; shaded polygons, outlines, rivers
    // and clusters make hundreds.
    expect(await distinctColours(admin, shot)).toBeGreaterThan(50);
    await admin.screenshot({ path: join(ARTIFACTS, 'dashboard.png') });
    // The page marks itself ready (bench:dashboard reads this) once map, table and timeline drew.
    await admin.waitForFunction(() => window.__sitrepReady !== undefined, undefined, SLOW);
    expect(await admin.locator('#import-panel').isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('the Brief button opens the brief for the current filter in a new tab', async () => {
    await admin.selectOption('#f-admin1', 'Ninewa');
    await expectCount(admin, fixture.events.filter((e) => e.admin1 === 'Ninewa').length);
    const [tab] = await Promise.all([
      admin.context().waitForEvent('page'),
      admin.click('#brief-html'),
    ]);
    await tab.waitForURL(/\/api\/brief\?/, SLOW);
    const url = new URL(tab.url());
    expect(url.searchParams.get('admin1')).toBe('Ninewa');
    expect(url.searchParams.get('format')).toBe('html');
    await tab.waitForSelector('h1');
    expect(await tab.locator('h1').textContent()).toMatch(/Ninewa/);
    expect(await tab.locator('svg').count()).toBeGreaterThan(0);
    expect(await tab.locator('script').count()).toBe(0);
    await tab.screenshot({ path: join(ARTIFACTS, 'brief.png'), fullPage: true });
    await tab.close();
    await admin.click('#f-reset');
    await expectCount(admin, fixture.events.length);
  });

  it('choosing a governorate changes the count, the table, the panels and the export', async () => {
    const ninewa = fixture.events.filter((e) => e.admin1 === 'Ninewa');
    await admin.selectOption('#f-admin1', 'Ninewa');
    await expectCount(admin, ninewa.length);
    const cells = await admin.locator('.rows .row .cell:nth-child(3)').allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    expect(new Set(cells)).toEqual(new Set(['Ninewa']));
    await expect.poll(() => admin.locator('#concentration .unit').count(), SLOW).toBe(1);
    expect(await admin.locator('#concentration .unit .ar').textContent()).toBe('نينوى');
    await admin.screenshot({ path: join(ARTIFACTS, 'governorate.png') });

    // Export follows the filter: a CSV of exactly those events.
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.click('#export-csv'),
    ]);
    expect(download.suggestedFilename()).toBe('sitrep-events.csv');
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv).toHaveLength(ninewa.length + 1);
    await admin.click('#f-reset');
    await expectCount(admin, fixture.events.length);
  });

  it('shows claims vs reported attacks and communications volume', async () => {
    const claims = await claimsSummary(store, {});
    const volume = await commsVolume(store, {}, { by: 'month' });
    const stat = (panel: string, label: string) =>
      admin.locator(`#${panel} dt:text-is("${label}") + dd`).textContent();
    await expect
      .poll(() => stat('claims', 'Incidents'), SLOW)
      .toBe(claims.n_incidents.toLocaleString('en-US'));
    expect(await stat('claims', 'Unclaimed')).toBe(
      claims.by_status.unclaimed.toLocaleString('en-US'),
    );
    await expect
      .poll(() => stat('comms', 'Documents'), SLOW)
      .toBe(volume.n.toLocaleString('en-US'));
  });

  it('brushing the timeline filters the count and table to those months', async () => {
    await expect.poll(() => admin.locator('rect.bar:not(.out)').count(), SLOW).toBe(24);
    const a = await admin.locator('rect.bar[data-month="2016-03"]').boundingBox();
    const b = await admin.locator('rect.bar[data-month="2016-08"]').boundingBox();
    expect(a && b).toBeTruthy();
    const y = a!.y + a!.height / 2;
    await admin.mouse.move(a!.x + a!.width / 2, Math.max(y, a!.y + 2));
    await admin.mouse.down();
    await admin.mouse.move(b!.x + b!.width / 2, y, { steps: 8 });
    await admin.mouse.up();
    const inRange = fixture.events.filter((e) => e.date >= '2016-03-01' && e.date <= '2016-08-31');
    await expectCount(admin, inRange.length);
    expect(await admin.inputValue('#f-from')).toBe('2016-03');
    expect(await admin.inputValue('#f-to')).toBe('2016-08');
    const dates = await admin.locator('.rows .row .cell:nth-child(1)').allTextContents();
    expect(dates.every((d) => d >= '2016-03-01' && d <= '2016-08-31')).toBe(true);
    await admin.screenshot({ path: join(ARTIFACTS, 'brush.png') });
    await admin.click('#f-reset');
    await expectCount(admin, fixture.events.length);
  });

  it('the event drawer shows the source text with the evidence spans marked', async () => {
    await admin.selectOption('#f-origin', 'extracted');
    await expectCount(admin, 3);
    await admin.click(`.rows .row[data-id="${ENGLISH}"]`);
    const marks = admin.locator('#drawer .doc-text mark');
    await expect
      .poll(() => marks.allTextContents(), SLOW)
      .toEqual(['detonated an IED', 'police patrol', 'Mosul']);
    expect(await marks.first().getAttribute('data-field')).toBe('attack_type');
    expect(await admin.locator('#drawer .doc-text').textContent()).toBe(ENGLISH_TEXT);
    await admin.screenshot({ path: join(ARTIFACTS, 'drawer.png') });

    await admin.keyboard.press('Escape');
    await expect.poll(() => admin.locator('#drawer').isHidden(), SLOW).toBe(true);

    // Keyboard only: the newest row, ArrowDown to the next, Enter opens it.
    await admin.focus(`.rows .row[data-id="${HOSTILE}"]`);
    await admin.keyboard.press('ArrowDown');
    expect(await admin.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(
      ARABIC,
    );
    await admin.keyboard.press('Enter');
    await expect.poll(() => marks.allTextContents(), SLOW).toEqual(['تفجير عبوة ناسفة', 'الموصل']);
    const text = admin.locator('#drawer .doc-text');
    expect(await text.textContent()).toBe(ARABIC_TEXT);
    expect(await text.getAttribute('dir')).toBe('auto');
    expect(await text.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await admin.screenshot({ path: join(ARTIFACTS, 'drawer-arabic.png') });
    await admin.keyboard.press('Escape');
  });

  it('the drawer shows the incident an event belongs to, and opens its other reports', async () => {
    // The linker put the English and Arabic claims of one Mosul bombing in one incident.
    const incident = await incidentOfEvent(store, ENGLISH);
    expect(incident).not.toBeNull();
    expect(await incidentOfEvent(store, ARABIC)).toBe(incident);
    await admin.selectOption('#f-origin', 'extracted');
    await expectCount(admin, 3);
    await admin.click(`.rows .row[data-id="${ENGLISH}"]`);
    const member = admin.locator(`#incident .member[data-event="${ARABIC}"]`);
    await expect.poll(() => admin.locator('#incident').textContent(), SLOW).toMatch(/^Incident/);
    expect(await admin.locator('#incident h3').textContent()).toBe('Incident');
    const status = admin.locator('#incident [data-status]');
    expect(await status.getAttribute('data-status')).toBe('claimed_reported');
    // Both members are reports; the claim comes from their own "claimed" field, and says so.
    expect(await status.textContent()).toBe(
      'claimed and reported (a report says the group claimed it)',
    );
    expect(await member.textContent()).toMatch(
      /^telegram \(report\) · 2017-03-06 · .+ · 4 killed$/,
    );
    expect(await admin.locator('#incident .member').count()).toBe(1);
    await admin.screenshot({ path: join(ARTIFACTS, 'drawer-incident.png') });
    // Keyboard: the other report is a button; Enter opens it in the drawer.
    await member.focus();
    await admin.keyboard.press('Enter');
    await expect
      .poll(() => admin.locator('#drawer .doc-text').textContent(), SLOW)
      .toBe(ARABIC_TEXT);
    await expect
      .poll(() => admin.locator(`#incident .member[data-event="${ENGLISH}"]`).count(), SLOW)
      .toBe(1);
    // The origin filter stays on for the next test.
    await admin.keyboard.press('Escape');
  });

  it('renders <script> and <img onerror> payloads as inert, visible text', async () => {
    await admin.click(`.rows .row[data-id="${HOSTILE}"]`);
    const text = admin.locator('#drawer .doc-text');
    await expect.poll(() => text.textContent(), SLOW).toBe(HOSTILE_TEXT);
    expect(await admin.locator('#drawer .doc-text mark').allTextContents()).toEqual([
      'attacked',
      'Kirkuk',
    ]);
    // Nothing became markup anywhere on the page, and nothing ran.
    expect(await admin.locator('#drawer img, #drawer script, #drawer b, .rows img').count()).toBe(
      0,
    );
    expect(await admin.locator('#drawer').textContent()).toContain(
      '<script>window.__xss = 4</script><b>bold?</b>',
    );
    expect(await admin.locator(`.rows .row[data-id="${HOSTILE}"]`).textContent()).toContain(
      '<img src=x',
    );
    expect(await admin.evaluate(() => window.__xss)).toBeUndefined();
    await admin.screenshot({ path: join(ARTIFACTS, 'payloads.png') });
    expect(problems.filter((p) => p.startsWith('dialog') || p.includes('xss'))).toEqual([]);
    await admin.keyboard.press('Escape');
  });

  it('asks for a token when it has none, then loads with the one given', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('#token-dialog[open]');
    expect(await page.locator('#status').textContent()).toContain('token');
    await page.fill('#token-input', tokens.viewer);
    await page.click('#token-dialog button[value="save"]');
    await page.waitForSelector('.rows .row');
    await expectCount(page, fixture.events.length);
    await context.close();
  });

  it('a viewer cannot correct an event: the drawer shows the 403', async () => {
    const viewer = await dashboard(tokens.viewer);
    await viewer.selectOption('#f-origin', 'extracted');
    await expectCount(viewer, 3);
    await viewer.click(`.rows .row[data-id="${ENGLISH}"]`);
    await viewer.fill('#r-fatalities', '7');
    await viewer.click('#review-save');
    await expect
      .poll(() => viewer.locator('#review-result').textContent(), SLOW)
      .toMatch(/^403: role viewer/);
    expect(await viewer.locator('#audit').textContent()).toContain('needs an analyst token');
    await viewer.screenshot({ path: join(ARTIFACTS, 'viewer-403.png') });
    expect(await viewer.locator('#import-panel').isVisible()).toBe(false);
    const res = await fetch(`${server.url}/api/events/${ENGLISH}`, as(tokens.viewer));
    expect(((await res.json()) as { event: { fatalities: number } }).event.fatalities).toBe(4);
    await viewer.context().close();
  });

  it("an analyst's correction is saved and appears in the audit log", async () => {
    const analyst = await dashboard(tokens.analyst);
    await analyst.selectOption('#f-origin', 'extracted');
    await expectCount(analyst, 3);
    await analyst.click(`.rows .row[data-id="${ENGLISH}"]`);
    await analyst.fill('#r-fatalities', '9');
    await analyst.selectOption('#r-attack_type', 'armed_assault');
    await analyst.click('#review-save');
    await expect
      .poll(() => analyst.locator('#review-result').textContent(), SLOW)
      .toBe('Saved 2 change(s).');
    const log = analyst.locator('#audit li');
    await expect.poll(() => log.allTextContents(), SLOW).toHaveLength(2);
    const lines = (await log.allTextContents()).join('\n');
    expect(lines).toContain('analyst (token');
    expect(lines).toContain('fatalities: 4 → 9');
    expect(lines).toContain('attack_type: bombing → armed_assault');
    await analyst.screenshot({ path: join(ARTIFACTS, 'analyst-audit.png') });
    const audit = await listAudit(store, { table: 'events', rowId: ENGLISH, limit: 10, offset: 0 });
    expect(audit.map((a) => a.field).sort()).toEqual(['attack_type', 'fatalities']);
    await analyst.context().close();
    expect(problems).toEqual([]);
  });

  it('an admin imports a file from the panel: progress, summary, then the views count it', async () => {
    await admin.reload();
    await admin.waitForSelector('#import-panel:not([hidden])', SLOW);
    await expectCount(admin, fixture.events.length);
    const file = join(process.cwd(), 'test', 'fixtures', 'ingest', 'acled', 'good.csv');
    await admin.setInputFiles('#import-file', file);
    await admin.selectOption('#import-format', 'acled');
    await admin.click('#import-submit');
    const result = admin.locator('#import-result');
    await expect.poll(() => result.textContent(), SLOW).toMatch(/^good\.csv: \d+ rows read/);
    const inserted = Number(/(\d+) new/.exec((await result.textContent())!)![1]);
    expect(inserted).toBeGreaterThan(0);
    expect(await admin.locator('#import-progress').getAttribute('value')).toBe('100');
    await expectCount(admin, fixture.events.length + inserted);
    await admin.screenshot({ path: join(ARTIFACTS, 'import.png') });
    expect(problems).toEqual([]);
  });
});
