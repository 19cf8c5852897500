/**
 * Events as a GeoJSON FeatureCollection, produced page by page so a million-event export never
 * sits in memory. Events without coordinates are kept with a null geometry (RFC 7946 §3.2),
 * so nothing silently disappears from an export.
 */
import type { EventRow } from '../store/index.js';

export interface GeoJsonChunk {
  text: string;
  features: number;
}

export async function* eventsToGeoJson(
  pages: AsyncIterable<EventRow[]>,
): AsyncGenerator<GeoJsonChunk> {
  yield { text: '{"type":"FeatureCollection","features":[\n', features: 0 };
  let first = true;
  for await (const page of pages) {
    const parts: string[] = [];
    for (const row of page) {
      const { lat, lon, ...properties } = row;
      const geometry =
        typeof lat === 'number' && typeof lon === 'number'
          ? { type: 'Point', coordinates: [lon, lat] }
          : null;
      parts.push(
        (first ? '' : ',\n') +
          JSON.stringify({ type: 'Feature', id: row.id, geometry, properties }),
      );
      first = false;
    }
    yield { text: parts.join(''), features: page.length };
  }
  yield { text: '\n]}\n', features: 0 };
}
