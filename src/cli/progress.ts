/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal, so pipes and CI logs
 * stay clean. Redraws at most every 100 ms.
 */
export interface Progress {
  update(done: number, total: number, label?: string): void;
  done(): void;
}

export function progressBar(title: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  const width = 30;
  return {
    update(done, total, label = '') {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(frac * width);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      stream.write(`\r${title} ${bar} ${(frac * 100).toFixed(0).padStart(3)}% ${label}\x1b[K`);
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}
