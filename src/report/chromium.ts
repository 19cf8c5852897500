/**
 * The one place Sitrep launches a browser: Debian's system Chromium driven by playwright-core
 * (which never downloads a browser of its own). PDF briefs and the dashboard's end-to-end tests
 * both come through here so the flags stay in one list.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.SITREP_CHROMIUM ?? '/usr/bin/chromium';

/** Offline, headless, no sandbox (containers run as root), software WebGL for MapLibre. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
] as const;

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable()) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run scripts/ensure-chromium.sh (Debian package "chromium") or set SITREP_CHROMIUM`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}
