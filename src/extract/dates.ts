/**
 * Event dates, resolved relative to the publication date: explicit dates ("07/09/2014",
 * "July 9, 2014", "9 July"), days ("yesterday", "on Friday", "يوم الجمعة"), weeks ("last
 * week") and months ("early last month", "in March"). Precision: 1 = the day, 2 = within a
 * week, 3 = within a month. A range resolves to its first day ("early last month" → the 1st).
 */
import type { Span } from './types.js';

export interface DateHit {
  date: string;
  precision: 1 | 2 | 3;
  span: Span;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_SRC = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const AR_WEEKDAYS = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];

const month = (name: string): number =>
  MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().replace('.', '').slice(0, 3)));

const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const US = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;
const MDY = new RegExp(
  String.raw`\b(${MONTH_SRC})\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`,
  'i',
);
const DMY = new RegExp(
  String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTH_SRC})(?:,?\s+(\d{4}))?\b`,
  'i',
);
const DATELINE = /^\s*\((?:Reuters|AFP|AP|dpa|Xinhua|UPI|Rudaw|Kurdistan24|Anadolu|Sputnik)\)/i;
/** A capitalised place and comma opening the text ("BAGHDAD, ") before a date and a dash. */
const DATELINE_LEAD = /^\s*[A-Z][A-Z .'’-]{2,40},\s*$/;
const DATELINE_DASH = /^\s*(?:\([^)]{1,30}\)\s*)?[-–—]/;
const DAY_WORD =
  /\b(yesterday|today|this morning|this afternoon|this evening|tonight|last night|earlier today)\b|(أمس|البارحة|اليوم)/i;
const WEEKDAY = new RegExp(
  String.raw`\b(?:on|late|early|last)\s+(${WEEKDAYS.join('|')})\b|(?:يوم\s+)?(${AR_WEEKDAYS.join('|')})`,
  'i',
);
const WEEK =
  /\b(last week|the previous week|the past week|earlier this week|this week)\b|(الأسبوع الماضي|الاسبوع الماضي)/i;
const LAST_MONTH =
  /\b(?:(early|mid|late|the end of|the beginning of)[- ])?(?:last month|the previous month)\b|(الشهر الماضي)/i;
const IN_MONTH = new RegExp(
  String.raw`\b(?:in|during)\s+(?:(early|mid|late)[- ])?(${MONTH_SRC})\b(?!\s+\d)`,
  'i',
);

/** The first date phrase of the strongest kind in `text` (offsets shifted by `base`), or null. */
export function resolveDate(text: string, published: string | null, base = 0): DateHit | null {
  const pub = published ? parseDay(published) : null;
  const span = (m: RegExpExecArray): Span => [base + m.index, base + m.index + m[0].length];
  let m = ISO.exec(text);
  if (m && valid(+m[1]!, +m[2]! - 1, +m[3]!)) return hit(+m[1]!, +m[2]! - 1, +m[3]!, 1, span(m));
  m = US.exec(text);
  if (m && valid(+m[3]!, +m[1]! - 1, +m[2]!)) return hit(+m[3]!, +m[1]! - 1, +m[2]!, 1, span(m));
  for (const [re, mi, di, yi] of [
    [MDY, 1, 2, 3],
    [DMY, 2, 1, 3],
  ] as const) {
    m = re.exec(text);
    // A wire dateline ("BAGHDAD, March 4 (Reuters) -") dates the report, not the event.
    const after = m ? text.slice(m.index + m[0].length, m.index + m[0].length + 40) : '';
    const dateline =
      m !== null &&
      (DATELINE.test(after) ||
        (DATELINE_LEAD.test(text.slice(0, m.index)) && DATELINE_DASH.test(after)));
    if (m && dateline) {
      const rest = text.slice(m.index + m[0].length);
      const again = re.exec(rest);
      m = again ? Object.assign(again, { index: again.index + m.index + m[0].length }) : null;
    }
    if (!m) continue;
    const mo = month(m[mi]!);
    const day = +m[di]!;
    const year = m[yi] ? +m[yi]! : pub ? yearNotAfter(pub, mo, day) : null;
    if (year !== null && mo >= 0 && valid(year, mo, day)) return hit(year, mo, day, 1, span(m));
  }
  if (!pub) return null;
  m = DAY_WORD.exec(text);
  if (m) {
    const back = /yesterday|last night|أمس|البارحة/i.test(m[0]) ? 1 : 0;
    return fromTime(addDays(pub, -back), 1, span(m));
  }
  m = WEEKDAY.exec(text);
  if (m) {
    const wd = m[1] ? WEEKDAYS.indexOf(m[1].toLowerCase()) : AR_WEEKDAYS.indexOf(m[2]!);
    const back = (pub.getUTCDay() - wd + 7) % 7;
    return fromTime(addDays(pub, -back), 1, span(m));
  }
  m = WEEK.exec(text);
  if (m) {
    const thisWeek = /this week/i.test(m[0]);
    return fromTime(addDays(pub, thisWeek ? 0 : -7), 2, span(m));
  }
  m = LAST_MONTH.exec(text);
  if (m) {
    const y = pub.getUTCFullYear();
    const mo = pub.getUTCMonth() - 1;
    return hit(mo < 0 ? y - 1 : y, (mo + 12) % 12, partDay(m[1]), 3, span(m));
  }
  m = IN_MONTH.exec(text);
  if (m) {
    const mo = month(m[2]!);
    if (mo >= 0) return hit(yearNotAfter(pub, mo, 1), mo, partDay(m[1]), 3, span(m));
  }
  return null;
}

/** `YYYY-MM-DD` or an ISO instant → that UTC day; null when unreadable. */
export function parseDay(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m || !valid(+m[1]!, +m[2]! - 1, +m[3]!)) return null;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
}

function partDay(part: string | undefined): number {
  if (!part) return 1;
  return /mid/i.test(part) ? 11 : /late|end/i.test(part) ? 21 : 1;
}

/** The year putting month/day on or before the publication day (news reports the past). */
function yearNotAfter(pub: Date, mo: number, day: number): number {
  const y = pub.getUTCFullYear();
  return Date.UTC(y, mo, day) > pub.getTime() ? y - 1 : y;
}

function valid(y: number, mo: number, d: number): boolean {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || y < 1900 || y > 2100) return false;
  return new Date(Date.UTC(y, mo, d)).getUTCDate() === d;
}

const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * 86_400_000);

function fromTime(d: Date, precision: 1 | 2 | 3, span: Span): DateHit {
  return { date: d.toISOString().slice(0, 10), precision, span };
}

function hit(y: number, mo: number, d: number, precision: 1 | 2 | 3, span: Span): DateHit {
  return fromTime(new Date(Date.UTC(y, mo, d)), precision, span);
}
