import { createHash, type Hash } from 'node:crypto';

const BLOCK_BYTES = 64;

interface PreparedKey {
  inner: Hash;
  outer: Hash;
}

// The signing keys in use (APP_SECRET and, while rotating, the previous one); bounded in case a
// caller passes many.
const prepared = new Map<string, PreparedKey>();
const MAX_PREPARED = 8;

/** The key's two padded blocks, hashed (RFC 2104: a key longer than a block is hashed first). */
function prepare(secret: string): PreparedKey {
  let key = Buffer.from(secret, 'utf8');
  if (key.length > BLOCK_BYTES) key = createHash('sha256').update(key).digest();
  const padded = Buffer.alloc(BLOCK_BYTES);
  key.copy(padded);
  return {
    inner: createHash('sha256').update(padded.map((byte) => byte ^ 0x36)),
    outer: createHash('sha256').update(padded.map((byte) => byte ^ 0x5c)),
  };
}

/**
 * HMAC-SHA256 of the parts, the same bytes as `createHmac('sha256', secret)`, from copies of the
 * key's prepared hash states: half the CPU of a createHmac per call (5 against 11 µs), and every
 * digest signs some twenty links.
 */
export function hmacSha256(secret: string, ...parts: Array<string | Buffer>): Buffer {
  let key = prepared.get(secret);
  if (!key) {
    if (prepared.size >= MAX_PREPARED) prepared.clear();
    key = prepare(secret);
    prepared.set(secret, key);
  }
  const inner = key.inner.copy();
  for (const part of parts) inner.update(part);
  return key.outer.copy().update(inner.digest()).digest();
}
