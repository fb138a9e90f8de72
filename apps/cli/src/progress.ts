const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** Quick runs show nothing, so short commands keep stderr clean. */
const SHOW_AFTER_MS = 1_000;

/** "[#########...............] 37%": how far a long task has come. */
export function progressBar(done: number, total: number, width = 24): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(fraction * 100)}%`;
}

export interface Progress {
  update(status: string): void;
}

/**
 * Runs `task` with a progress line on stderr: a spinner redrawn in place on a terminal; in a log
 * or pipe a plain line per second at most, and only when the status changed. Always cleared.
 */
export async function withProgress<T>(
  label: string,
  task: (progress: Progress) => Promise<T>,
  stream: NodeJS.WriteStream = process.stderr,
): Promise<T> {
  const tty = stream.isTTY === true;
  const started = Date.now();
  let status = '';
  let printed: string | undefined;
  let frame = 0;
  const draw = () => {
    if (tty) {
      const seconds = Math.round((Date.now() - started) / 1000);
      stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${label}${status ? `: ${status}` : ''} (${seconds} s)`);
    } else if (status !== printed) {
      printed = status;
      stream.write(`${label}${status ? `: ${status}` : ''}\n`);
    }
  };
  let ticker: NodeJS.Timeout | undefined;
  const start = setTimeout(() => {
    draw();
    ticker = setInterval(draw, tty ? 100 : 1_000).unref();
  }, SHOW_AFTER_MS).unref();
  try {
    return await task({
      update: (next) => {
        status = next;
      },
    });
  } finally {
    clearTimeout(start);
    clearInterval(ticker);
    if (tty && frame > 0) stream.write('\r\x1b[2K');
  }
}
