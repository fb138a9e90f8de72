/**
 * One sample's value from a Prometheus text exposition (what a scrape of /metrics returns), found
 * by metric name and a subset of its labels; undefined when absent. For tests and smoke checks.
 */
export function readSample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text
    .split('\n')
    .find((row) => (row.startsWith(`${name}{`) || row.startsWith(`${name} `)) && wanted.every((label) => row.includes(label)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}
