// A terminal progress line on stderr: bar, rows, rows/s and ETA; plain periodic lines when not a TTY.
export interface ProgressBar {
  update(done: number, total: number, label?: string): void;
  finish(): void;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function renderProgress(done: number, total: number, elapsedS: number, label = '', width = 24): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  const rate = elapsedS > 0 ? done / elapsedS : 0;
  const eta = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  return `${bar} ${String(Math.floor(ratio * 100)).padStart(3)}% ${fmt(done)}/${fmt(total)} rows  ${fmt(rate)} rows/s  ETA ${formatDuration(eta)}${label ? `  ${label}` : ''}`;
}

export function createProgressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const start = performance.now();
  let lastPlain = 0;
  let last = '';
  return {
    update(done, total, label) {
      const elapsed = (performance.now() - start) / 1000;
      last = renderProgress(done, total, elapsed, label);
      if (stream.isTTY) {
        stream.write(`\r${last.slice(0, (stream.columns ?? 120) - 1)}\x1b[K`);
      } else if (elapsed - lastPlain >= 5) {
        // Logs and CI get a line every few seconds instead of a carriage-return stream.
        lastPlain = elapsed;
        stream.write(`${last}\n`);
      }
    },
    finish() {
      if (stream.isTTY) stream.write('\n');
      else if (last) stream.write(`${last}\n`);
    },
  };
}
