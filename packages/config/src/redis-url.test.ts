import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { parseRedisUrl } from './redis-url.ts';

const load = (env: Record<string, string>) => () => loadConfig({ NODE_ENV: 'test', APP_SECRET: 'x'.repeat(40), ...env }, '/tmp');

describe('REDIS_URL', () => {
  it('takes one server as it is', () => {
    expect(parseRedisUrl('rediss://default:pw@redis.example:6380/2')).toEqual({
      kind: 'server',
      url: 'rediss://default:pw@redis.example:6380/2',
    });
  });

  it('takes a cluster as some of its nodes, with credentials, TLS, IPv6 and the default port', () => {
    expect(parseRedisUrl('rediss+cluster://app:p%40ss@10.0.0.1:7000,[::1]:7001,redis-3')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '::1', port: 7001 },
        { host: 'redis-3', port: 6379 },
      ],
      username: 'app',
      password: 'p@ss',
      tls: true,
    });
    expect(parseRedisUrl('redis+cluster://:secret@a:1')).toMatchObject({ password: 'secret', tls: false });
    expect(parseRedisUrl('redis+cluster://a:1')).not.toHaveProperty('password');
  });

  it('refuses what is not a Redis address, saying what one looks like and never repeating the password', () => {
    expect(load({ REDIS_URL: 'http://user:hunter22@redis:6379' })).toThrow(
      /REDIS_URL: must start with redis:\/\/, rediss:\/\/, redis\+cluster:\/\//,
    );
    expect(load({ REDIS_URL: 'redis+cluster://:hunter22@a:1,b:2/3' })).toThrow(
      /REDIS_URL: a cluster is redis\+cluster:\/\/\[user:password@\]host:port,host:port/,
    );
    expect(load({ REDIS_URL: 'redis+cluster://a:1,b:99999' })).toThrow(/REDIS_URL/);
    expect(load({ REDIS_URL: 'not a url' })).toThrow(ConfigError);
    for (const url of ['http://user:hunter22@redis:6379', 'redis+cluster://:hunter22@a:1,b:2/3']) {
      expect(load({ REDIS_URL: url })).not.toThrow(/hunter22/);
    }
  });

  it('on a cluster, asks for a queue prefix whose keys share one slot', () => {
    const cluster = 'redis+cluster://127.0.0.1:7000,127.0.0.1:7001';
    expect(load({ REDIS_URL: cluster, QUEUE_PREFIX: 'paperboy' })).toThrow(
      /QUEUE_PREFIX: on a Redis Cluster it must hold a hash tag in braces, e\.g\. "\{paperboy\}"/,
    );
    expect(load({ REDIS_URL: cluster, QUEUE_PREFIX: 'paperboy-{}' })).toThrow(/QUEUE_PREFIX/);
    expect(load({ REDIS_URL: cluster })().redisUrl).toBe(cluster);
    expect(load({ REDIS_URL: cluster, QUEUE_PREFIX: 'tenant-a:{paperboy}' })().queuePrefix).toBe('tenant-a:{paperboy}');
    expect(load({ QUEUE_PREFIX: 'paperboy' })().queuePrefix).toBe('paperboy');
  });
});
