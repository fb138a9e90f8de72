const WIDTH = 30;

/** A one-line progress bar on stderr, redrawn in place; `done()` ends the line. */
export function progressBar(label: string, total: number) {
  const start = performance.now();
  return {
    update(current: number) {
      const share = total > 0 ? Math.min(1, current / total) : 1;
      const filled = Math.round(share * WIDTH);
      const seconds = (performance.now() - start) / 1000;
      const rate = seconds > 0 ? Math.round(current / seconds) : 0;
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${current}/${total} ${seconds.toFixed(0)} s ${rate}/s   `,
      );
    },
    done() {
      process.stderr.write('\n');
    },
  };
}
