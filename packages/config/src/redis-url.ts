/**
 * Where Paperboy's Redis is: one server (`redis://`, `rediss://` for TLS), or a Redis Cluster
 * given by some of its nodes (`redis+cluster://host:port,host:port`, `rediss+cluster://` for TLS);
 * the client discovers the rest of the cluster from them.
 */
export type RedisTarget =
  | { kind: 'server'; url: string }
  | { kind: 'cluster'; nodes: Array<{ host: string; port: number }>; username?: string; password?: string; tls: boolean };

const CLUSTER_URL = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#@]+)\/?$/;
const NODE = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i;

function parseNode(node: string): { host: string; port: number } {
  const match = NODE.exec(node.trim());
  const port = Number(match?.[2] ?? 6379);
  if (!match?.[1] || port < 1 || port > 65535) throw new Error(`"${node}" is not host:port`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

function parseCredentials(userInfo: string | undefined): { username?: string; password?: string } {
  if (userInfo === undefined) return {};
  const [user = '', ...rest] = userInfo.split(':');
  const password = rest.length > 0 ? decodeURIComponent(rest.join(':')) : undefined;
  return { ...(user ? { username: decodeURIComponent(user) } : {}), ...(password ? { password } : {}) };
}

/** Throws an Error saying what is wrong; the message never repeats the password. */
export function parseRedisUrl(value: string): RedisTarget {
  const cluster = CLUSTER_URL.exec(value);
  if (cluster) {
    const nodes = (cluster[3] ?? '').split(',').map(parseNode);
    return { kind: 'cluster', nodes, tls: cluster[1] === 'rediss', ...parseCredentials(cluster[2]) };
  }
  if (/^rediss?\+cluster:/.test(value)) {
    throw new Error('a cluster is redis+cluster://[user:password@]host:port,host:port (no database number: a cluster has only 0)');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('must be redis://host:port, rediss://host:port or redis+cluster://host:port,host:port');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error('must start with redis://, rediss://, redis+cluster:// or rediss+cluster://');
  }
  return { kind: 'server', url: value };
}

/** A Redis Cluster runs a multi-key command only when its keys share a slot: BullMQ's keys do when the prefix holds a `{hash tag}`. */
export function hasHashTag(prefix: string): boolean {
  return /\{[^{}]+\}/.test(prefix);
}
