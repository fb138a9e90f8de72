import { type ChildProcess, execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { findFreePort } from '@paperboy/testing';
import { Redis } from 'ioredis';
import { kill, startServer, waitUntilAnswering } from './redis-server.ts';
import { waitFor } from './wait.ts';

const MASTERS = 3;

/**
 * A Redis Cluster of the suite's own: three masters on loopback, no replicas, no persistence, as
 * `redis-cli --cluster create` builds one. Each node keeps its identity (nodes.conf) in a
 * directory of its own, so a restarted node rejoins as master of the same slots, but empty.
 */
export interface OwnRedisCluster {
  /** `redis+cluster://127.0.0.1:<port>,…`: what REDIS_URL holds. */
  url: string;
  /** The port of the master holding `key`'s slot. */
  masterOf(key: string): Promise<number>;
  /**
   * Kills the master on `port` (as a crash would), leaves it down for `downMs` (the cluster
   * refuses commands meanwhile: CLUSTERDOWN), then starts it again, empty.
   */
  restartMaster(port: number, downMs: number): Promise<void>;
  stop(): Promise<void>;
}

interface ClusterNode {
  port: number;
  args: string[];
  child: ChildProcess;
}

async function startNode(): Promise<ClusterNode> {
  const [port, busPort, dir] = await Promise.all([findFreePort(), findFreePort(), mkdtemp(join(tmpdir(), 'paperboy-cluster-'))]);
  const args = ['--cluster-enabled', 'yes', '--cluster-port', String(busPort), '--cluster-node-timeout', '2000', '--dir', dir];
  const node = { port, args, child: startServer(port, args) };
  await waitUntilAnswering(port);
  return node;
}

async function clusterIsOk(port: number): Promise<true | undefined> {
  const client = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
  client.on('error', () => {});
  try {
    await client.connect();
    return /cluster_state:ok/.test(String(await client.call('CLUSTER', 'INFO'))) ? true : undefined;
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

const waitUntilOk = (nodes: ClusterNode[]) =>
  waitFor(
    async () => ((await Promise.all(nodes.map((node) => clusterIsOk(node.port)))).every(Boolean) ? true : undefined),
    30_000,
    () => `the cluster on ${nodes.map((node) => node.port).join(', ')} did not report cluster_state:ok`,
  );

async function slotOwner(port: number, key: string): Promise<number> {
  const client = new Redis(port, '127.0.0.1');
  try {
    const slot = Number(await client.call('CLUSTER', 'KEYSLOT', key));
    const ranges = (await client.call('CLUSTER', 'SLOTS')) as Array<[number, number, [string, number]]>;
    const owner = ranges.find(([start, end]) => slot >= start && slot <= end);
    if (!owner) throw new Error(`no node serves slot ${slot}`);
    return Number(owner[2][1]);
  } finally {
    client.disconnect();
  }
}

export async function startOwnRedisCluster(): Promise<OwnRedisCluster> {
  const nodes = await Promise.all(Array.from({ length: MASTERS }, startNode));
  const addresses = nodes.map((node) => `127.0.0.1:${node.port}`);
  await promisify(execFile)('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
  await waitUntilOk(nodes);
  const nodeOn = (port: number) => {
    const node = nodes.find((candidate) => candidate.port === port);
    if (!node) throw new Error(`no node of this cluster listens on ${port}`);
    return node;
  };
  return {
    url: `redis+cluster://${addresses.join(',')}`,
    masterOf: (key) => slotOwner(nodes[0]?.port ?? 0, key),
    async restartMaster(port, downMs) {
      const node = nodeOn(port);
      await kill(node.child);
      await sleep(downMs);
      node.child = startServer(node.port, node.args);
      await waitUntilAnswering(node.port);
      await waitUntilOk(nodes);
    },
    async stop() {
      await Promise.all(nodes.map((node) => kill(node.child)));
      await Promise.all(nodes.map((node) => rm(node.args.at(-1) ?? '', { recursive: true, force: true })));
    },
  };
}
