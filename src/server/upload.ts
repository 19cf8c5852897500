/**
 * Request bodies saved to disk: a file upload is streamed into its own temp directory with a
 * size cap, so a half-gigabyte CSV never sits in memory and a too-large one stops at the cap
 * (413) instead of filling the disk.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ApiError } from './errors.js';
import type { Upload } from './import-jobs.js';

/** Default largest upload: 512 MiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

const tooLarge = (max: number) =>
  new ApiError(413, 'payload_too_large', `upload over ${max} bytes`);

/** A name safe to use inside the temp directory, kept readable for messages. */
export function safeFileName(name: string | undefined): string {
  const base = basename((name ?? '').replace(/\\/g, '/')).replace(/[^\w.\-() ]+/g, '_');
  return base && base !== '.' && base !== '..' ? base.slice(0, 120) : 'upload.csv';
}

/**
 * Writes `body` to `<temp dir>/<name>`; throws a 413 ApiError (and removes what was written)
 * once more than `maxBytes` arrive.
 */
export async function saveUpload(
  body: ReadableStream<Uint8Array> | null,
  name: string,
  maxBytes: number,
): Promise<Upload> {
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-upload-'));
  const path = join(dir, safeFileName(name));
  let bytes = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
  try {
    const source = body
      ? Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>)
      : Readable.from([]);
    await pipeline(source, cap, createWriteStream(path));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  if (bytes === 0) {
    await rm(dir, { recursive: true, force: true });
    throw new ApiError(400, 'bad_request', 'the upload is empty', 'file');
  }
  return { path, dir, name: safeFileName(name), bytes };
}

/**
 * A `multipart/form-data` body's `file` part. The form is parsed by the runtime (which holds it
 * in memory), so the body is capped on the way in; a raw body upload streams instead.
 */
export async function multipartFile(
  req: Request,
  maxBytes: number,
): Promise<{ stream: ReadableStream<Uint8Array>; name: string }> {
  let bytes = 0;
  const capped = req.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > maxBytes) controller.error(tooLarge(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  let form: FormData;
  try {
    form = await new Request(req.url, {
      method: 'POST',
      headers: req.headers,
      body: capped ?? null,
      duplex: 'half',
    } as RequestInit).formData();
  } catch (err) {
    if (bytes > maxBytes) throw tooLarge(maxBytes);
    throw new ApiError(400, 'bad_request', `malformed multipart body: ${(err as Error).message}`);
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') {
    throw new ApiError(400, 'invalid_parameter', 'file: expected a file part named "file"', 'file');
  }
  return { stream: file.stream(), name: file.name };
}
