/**
 * The formats `sitrep import` knows: the built-in dataset formats, then every bundled mapping
 * in data/mappings/ (ibc, cpost, …), in detection order (most specific header first).
 */
import { readdirSync } from 'node:fs';
import { bundledDataPath } from '../model/index.js';
import { acled } from './acled.js';
import type { EventFormat } from './format.js';
import { gtd } from './gtd.js';
import { bundledMappings } from './mapping.js';
import { ucdp } from './ucdp.js';

export const BUILT_IN_FORMATS: readonly EventFormat[] = [ucdp, acled, gtd];

let all: Promise<readonly EventFormat[]> | undefined;

/** Built-in formats followed by the bundled mappings (loaded once). */
export function allFormats(): Promise<readonly EventFormat[]> {
  all ??= bundledMappings().then((mappings) => [...BUILT_IN_FORMATS, ...mappings]);
  return all;
}

/** Every `--format` name, for help text and error messages (`csv` needs `--map`). */
export function formatNames(): string[] {
  const mappings = readdirSync(bundledDataPath('mappings'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
  return [...BUILT_IN_FORMATS.map((f) => f.name), ...mappings, 'csv'];
}

export async function getFormat(name: string): Promise<EventFormat | undefined> {
  return (await allFormats()).find((f) => f.name === name);
}

export async function detectFormat(header: readonly string[]): Promise<EventFormat | undefined> {
  return (await allFormats()).find((f) => f.detect(header));
}
