/**
 * The admin's import panel: a file picker and format choice, the upload (the file is the request
 * body, so the server streams it to disk), a progress bar fed by polling the job, then the
 * summary; `onDone` refreshes every view when rows were added or changed.
 */
import { RequestError, getJson, request, withQuery } from './api.js';
import { byId, fmt } from './dom.js';
import type { ImportJob } from './types.js';

const POLL_MS = 500;

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

function summary(job: ImportJob): string {
  const n = (v: number | null) => fmt.format(v ?? 0);
  return (
    `${job.file}: ${n(job.rows)} rows read, ${n(job.inserted)} new, ${n(job.updated)} updated, ` +
    `${n(job.unchanged)} unchanged, ${n(job.quarantined)} quarantined.`
  );
}

export function setupImportPanel(onDone: (job: ImportJob) => void): void {
  const panel = byId('import-panel');
  const form = byId<HTMLFormElement>('import-form');
  const file = byId<HTMLInputElement>('import-file');
  const format = byId<HTMLSelectElement>('import-format');
  const button = byId<HTMLButtonElement>('import-submit');
  const bar = byId<HTMLProgressElement>('import-progress');
  const result = byId('import-result');
  panel.hidden = false;

  const say = (text: string, error = false) => {
    result.textContent = text;
    result.classList.toggle('error', error);
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return say('Choose a file first.', true);
    button.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    say(`Uploading ${chosen.name}…`);
    run(chosen)
      .catch((err: unknown) =>
        say(err instanceof RequestError ? `${err.status}: ${err.message}` : String(err), true),
      )
      .finally(() => {
        button.disabled = false;
      });
  });

  async function run(chosen: File): Promise<void> {
    const res = await request(
      withQuery('/api/imports', { filename: chosen.name, format: format.value || undefined }),
      { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: chosen },
    );
    let job = (await res.json()) as ImportJob;
    const status = res.headers.get('location') ?? `/api/imports/${job.id}`;
    while (job.status === 'queued' || job.status === 'running') {
      say(job.status === 'queued' ? 'Waiting for another import…' : `Importing… ${job.percent}%`);
      bar.value = job.percent;
      await wait(POLL_MS);
      job = await getJson<ImportJob>(status);
    }
    bar.value = job.status === 'done' ? 100 : 0;
    if (job.status === 'failed') return say(`Import failed: ${job.error ?? 'unknown error'}`, true);
    say(summary(job));
    onDone(job);
  }
}
