import { SourceError } from './errors.ts';

/**
 * Reads a response body as UTF-8 text, refusing to hold more than `maxBytes` in memory: a misrouted
 * download or a runaway server must not exhaust the worker. The limit is checked against
 * Content-Length up front and again while streaming, since chunked responses declare no length.
 */
export async function readBodyText(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(maxBytes, `Content-Length is ${formatBytes(declared)}`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    received += chunk.value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes, `aborted after ${formatBytes(received)}`);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(maxBytes: number, detail: string): SourceError {
  return new SourceError(`response body is larger than the ${formatBytes(maxBytes)} limit (${detail})`);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
