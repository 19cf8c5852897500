/** Calendar periods of UTC days in JavaScript, labelled as the SQL labels them. */
import type { CommsPeriod } from '../../model/comms.js';
import { addDays } from './window.js';

/** The period label of a `YYYY-MM-DD` day: the day, its week's Monday, or `YYYY-MM`. */
export function periodOf(day: string, by: CommsPeriod): string {
  if (by === 'day') return day;
  if (by === 'month') return day.slice(0, 7);
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((dow + 6) % 7));
}

/** Every period label from the one holding `from` to the one holding `to`, in order. */
export function periodsBetween(from: string, to: string, by: CommsPeriod): string[] {
  const out: string[] = [];
  const last = periodOf(to, by);
  let day = by === 'month' ? `${from.slice(0, 7)}-01` : periodOf(from, by);
  for (;;) {
    const p = periodOf(day, by);
    out.push(p);
    if (p >= last) break;
    if (by === 'day') day = addDays(day, 1);
    else if (by === 'week') day = addDays(day, 7);
    else {
      const [y, m] = day.split('-').map(Number) as [number, number];
      day = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    }
  }
  return out;
}
