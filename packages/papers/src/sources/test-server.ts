import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Test support: a real HTTP server on 127.0.0.1 serving recorded fixtures, recording what it was asked. */

const FIXTURES = new URL('../../fixtures/', import.meta.url);

export function fixturePath(name: string): string {
  return new URL(name, FIXTURES).pathname;
}

export function fixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export interface RecordedRequest {
  url: URL;
  headers: IncomingHttpHeaders;
  at: number;
}

export interface TestServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void;

export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const request = { url: new URL(req.url ?? '/', 'http://127.0.0.1'), headers: req.headers, at: performance.now() };
    requests.push(request);
    handler(request, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  const length = String(Buffer.byteLength(body));
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': length, ...headers });
  response.end(body);
}

/** Options that make the fetcher retry instantly and record the waits it would have made. */
export function instantRetries(): { sleep: (ms: number) => Promise<void>; waits: number[]; random: () => number } {
  const waits: number[] = [];
  return { waits, random: () => 0.5, sleep: async (ms) => void waits.push(ms) };
}
