import { afterEach, describe, expect, it } from 'vitest';
import { SourceError } from './errors.ts';
import { fetchText } from './http.ts';
import { fixture, instantRetries, send, startServer, type TestServer } from './test-server.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...responses: Array<(res: import('node:http').ServerResponse) => void>): Promise<TestServer> {
  let call = 0;
  server = await startServer((_, res) => {
    const respond = responses[Math.min(call++, responses.length - 1)];
    respond?.(res);
  });
  return server;
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe('fetchText', () => {
  it('returns the body and headers, identifying itself', async () => {
    const { baseUrl, requests } = await serve((res) => send(res, 200, '{"ok":true}', { link: '<x>; rel="next"' }));
    const response = await fetchText(`${baseUrl}/a`, { accept: 'application/json' });
    expect(response).toMatchObject({ status: 200, text: '{"ok":true}' });
    expect(response.headers.get('link')).toBe('<x>; rel="next"');
    expect(requests[0]?.headers['user-agent']).toMatch(/^Paperboy\//);
    expect(requests[0]?.headers.accept).toBe('application/json');
  });

  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    const retry = instantRetries();
    const { baseUrl, requests } = await serve(
      (res) => send(res, 429, '{"error":"Rate limit reached"}', { 'retry-after': '7' }),
      (res) => send(res, 200, '[]'),
    );
    const response = await fetchText(`${baseUrl}/a`, {}, retry);
    expect(response.text).toBe('[]');
    expect(requests).toHaveLength(2);
    expect(retry.waits).toEqual([7000]);
  });

  it('backs off exponentially on 5xx and gives up after maxAttempts with a clear error', async () => {
    const retry = instantRetries();
    const { baseUrl, requests } = await serve((res) => send(res, 500, '{"error":"Internal Error"}'));
    const error = await failure(fetchText(`${baseUrl}/api/daily_papers`, {}, { ...retry, baseDelayMs: 100 }));
    expect(requests).toHaveLength(3);
    expect(retry.waits).toEqual([75, 150]);
    expect(error.status).toBe(500);
    expect(error.message).toBe(
      `GET ${baseUrl}/api/daily_papers failed after 3 attempts: HTTP 500 Internal Server Error: "{"error":"Internal Error"}"`,
    );
  });

  it('recovers when a 503 is followed by a 200', async () => {
    const { baseUrl } = await serve(
      (res) => send(res, 503, fixture('errors/cloudfront-503.html'), { 'content-type': 'text/html' }),
      (res) => send(res, 200, 'ok'),
    );
    await expect(fetchText(`${baseUrl}/a`, {}, instantRetries())).resolves.toMatchObject({ text: 'ok' });
  });

  it('names the HTML error page when 5xx persists', async () => {
    const { baseUrl } = await serve((res) => send(res, 503, fixture('errors/cloudfront-503.html'), { 'content-type': 'text/html' }));
    const error = await failure(fetchText(`${baseUrl}/a`, {}, instantRetries()));
    expect(error.message).toContain('HTTP 503 Service Unavailable: an HTML page titled "ERROR: The request could not be satisfied"');
  });

  it('does not retry other 4xx', async () => {
    const { baseUrl, requests } = await serve((res) => send(res, 400, '{"error":"\\"date\\" must be a valid date"}'));
    const error = await failure(fetchText(`${baseUrl}/a?date=x`, {}, instantRetries()));
    expect(requests).toHaveLength(1);
    expect(error.status).toBe(400);
    expect(error.message).toBe(`GET ${baseUrl}/a?date=x: HTTP 400 Bad Request: "{"error":"\\"date\\" must be a valid date"}"`);
  });

  it('fails at once when Retry-After asks for longer than we wait', async () => {
    const { baseUrl, requests } = await serve((res) => send(res, 429, '', { 'retry-after': '3600' }));
    const error = await failure(fetchText(`${baseUrl}/a`, {}, instantRetries()));
    expect(requests).toHaveLength(1);
    expect(error.message).toContain('retry after 3600 s, longer than the 300 s we wait');
  });

  it('retries dropped connections and reports the network error', async () => {
    const { baseUrl, requests } = await serve((res) => res.socket?.destroy());
    const error = await failure(fetchText(`${baseUrl}/a`, {}, instantRetries()));
    expect(requests).toHaveLength(3);
    expect(error.message).toMatch(/failed after 3 attempts: network error: fetch failed/);
  });

  it('times out a request that never completes', async () => {
    const { baseUrl, requests } = await serve((res) => res.writeHead(200));
    const error = await failure(fetchText(`${baseUrl}/a`, {}, { ...instantRetries(), timeoutMs: 50, maxAttempts: 2 }));
    expect(requests).toHaveLength(2);
    expect(error.message).toContain('no complete response within 50 ms');
  });

  it('aborts a streamed body once it exceeds the size limit', async () => {
    const chunk = 'x'.repeat(16 * 1024);
    let written = 0;
    const { baseUrl } = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const pump = () => {
        while (written < 64 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (!res.destroyed && written < 64 * 1024 * 1024) res.once('drain', pump);
      };
      pump();
    });
    const error = await failure(fetchText(`${baseUrl}/big`, {}, { ...instantRetries(), maxBodyBytes: 100 * 1024 }));
    expect(error.message).toMatch(
      new RegExp(`^GET ${baseUrl}/big: response body is larger than the 100.0 KiB limit \\(aborted after 1\\d\\d.\\d KiB\\)$`),
    );
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a body whose Content-Length is over the limit without reading it', async () => {
    const { baseUrl, requests } = await serve((res) => send(res, 200, 'y'.repeat(300 * 1024)));
    const error = await failure(fetchText(`${baseUrl}/big`, {}, { ...instantRetries(), maxBodyBytes: 100 * 1024 }));
    expect(requests).toHaveLength(1);
    expect(error.message).toContain('larger than the 100.0 KiB limit (Content-Length is 300.0 KiB)');
  });

  it('asks the rate limiter before every attempt, retries included', async () => {
    let acquired = 0;
    const limiter = { acquire: async () => void acquired++ };
    const { baseUrl } = await serve(
      (res) => send(res, 502, ''),
      (res) => send(res, 200, 'ok'),
    );
    await fetchText(`${baseUrl}/a`, {}, { ...instantRetries(), limiter });
    expect(acquired).toBe(2);
  });
});
