/** Runs a command's body; on failure prints the error on one line and exits with status 1. */
export function runCli(body: () => Promise<void>): void {
  body().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // Engine messages span several lines; a one-liner stays readable in deploy logs.
    console.error(`Error: ${message.replace(/\s+/g, ' ').trim()}`);
    process.exitCode = 1;
  });
}
