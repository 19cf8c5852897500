/**
 * Telegram Desktop channel/chat exports (`result.json`, "Export chat history" → JSON):
 * `{name, type, id, messages: [{id, type, date, date_unixtime?, from, from_id, text, …}]}`.
 *
 * The file is read as a stream (one message at a time, see json-scan.ts). `text` is either a
 * string or an array of strings and entities (`{type: 'bold' | 'link' | 'hashtag' | …, text}`);
 * it is flattened to plain text, the entities stay in `raw`. Media (photo, file, media_type)
 * are kept as raw fields; a media message without caption has empty text. Service messages
 * (joins, pins, title changes) are not documents: they are skipped and counted.
 * A full-account export (`chats.list[]`) is not supported: export the one channel.
 */
import { FieldError, ImportError } from '../errors.js';
import { scanArray } from './json-scan.js';
import {
  clipRecord,
  mapRecord,
  type CommsItem,
  type CommsReader,
  type DocumentDraft,
  type Warn,
} from './item.js';
import { detectLang } from './lang.js';
import { openText } from '../text-source.js';

export interface TelegramChat {
  id: string;
  name: string | null;
}

export async function openTelegram(file: string, warn: Warn): Promise<CommsReader> {
  const source = await openText(file);
  const scan = scanArray(source.chunks, 'messages', file);
  async function* items(): AsyncGenerator<CommsItem> {
    let chat: TelegramChat | undefined;
    for await (const { line, text } of scan.elements) {
      chat ??= chatOf(await scan.header, file);
      const record = clipRecord(text);
      let msg: unknown;
      try {
        msg = JSON.parse(text);
      } catch (err) {
        yield {
          kind: 'rejected',
          line,
          field: '(record)',
          reason: `invalid JSON: ${(err as Error).message}`,
          record,
        };
        continue;
      }
      if (isObject(msg) && msg.type === 'service') {
        yield { kind: 'skipped', line, reason: 'service message' };
        continue;
      }
      const c = chat;
      yield mapRecord(line, record, msg, () => telegramToDocument(msg, c, warn));
    }
  }
  const { progress, sha256 } = source;
  return { format: 'telegram', items: items(), progress, sha256, duplicates: 'quarantine' };
}

function chatOf(header: Record<string, unknown>, file: string): TelegramChat {
  const id = header.id;
  if (typeof id !== 'number' && typeof id !== 'string') {
    throw new ImportError(`${file}:1: no chat "id" before "messages"; expected a Telegram export`);
  }
  return { id: String(id), name: typeof header.name === 'string' ? header.name : null };
}

/** Maps one (non-service) message to a document draft; throws FieldError for unusable values. */
export function telegramToDocument(msg: unknown, chat: TelegramChat, warn: Warn): DocumentDraft {
  if (!isObject(msg)) throw new FieldError('(record)', 'not an object, expected a message');
  const id = msg.id;
  if (typeof id !== 'number' || !Number.isInteger(id)) {
    throw new FieldError('id', `${JSON.stringify(id) ?? 'missing'}, expected a message number`);
  }
  const text = flattenText(msg.text);
  return {
    id: `tg:${chat.id}:${id}`,
    source: 'telegram',
    channel: chat.name ?? chat.id,
    author: typeof msg.from === 'string' ? msg.from : null,
    published_at: messageTime(msg, warn),
    lang: detectLang(text),
    title: null,
    text,
    forwarded_from: typeof msg.forwarded_from === 'string' ? msg.forwarded_from : null,
    url: null,
  };
}

/** `["Hello ", {type: 'bold', text: 'world'}]` → `Hello world`. */
export function flattenText(text: unknown): string {
  if (typeof text === 'string') return text;
  if (text === undefined || text === null) return '';
  if (!Array.isArray(text))
    throw new FieldError('text', 'expected a string or an array of entities');
  let out = '';
  for (const part of text) {
    if (typeof part === 'string') out += part;
    else if (isObject(part) && typeof part.text === 'string') out += part.text;
    else throw new FieldError('text', `unreadable entity ${JSON.stringify(part)?.slice(0, 80)}`);
  }
  return out;
}

/**
 * UTC time of a message. `date_unixtime` (exports since 2021) is exact; `date` alone is the
 * exporting computer's local time without an offset, read as UTC with a warning.
 */
function messageTime(msg: Record<string, unknown>, warn: Warn): string {
  const unix = msg.date_unixtime;
  if (unix !== undefined) {
    const n = Number(unix);
    if (!Number.isFinite(n) || n <= 0) {
      throw new FieldError('date_unixtime', `"${String(unix)}" is not a Unix time in seconds`);
    }
    return new Date(n * 1000).toISOString().replace('.000Z', 'Z');
  }
  const date = msg.date;
  const ok = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(date);
  const d = ok ? new Date(`${date}Z`) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 19) !== date) {
    throw new FieldError(
      'date',
      `${JSON.stringify(date) ?? 'missing'}, expected YYYY-MM-DDTHH:MM:SS`,
    );
  }
  warn('telegram date without date_unixtime: local time read as UTC');
  return `${date}Z`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
