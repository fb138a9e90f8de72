// The deployment files read as an operator's `docker compose up` would use them: every service,
// health check, dependency and variable they rely on must exist and be accepted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envSchema, loadConfig, PRODUCTION_REQUIRED } from '@paperboy/config';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, { condition?: string; required?: boolean }>;
  healthcheck?: { test?: string[] };
  profiles?: string[];
}

const compose = load(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };
const services = compose.services;
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** The services running Paperboy's own image, which read its configuration. */
const PAPERBOY = ['migrate', 'api', 'worker'] as const;
/** Long-running services others wait for: each needs a health check for `service_healthy` to mean anything. */
const HEALTH_CHECKED = ['postgres', 'redis', 'mailpit', 'api', 'redis-1', 'redis-2', 'redis-3'] as const;
/** One-off jobs others wait to finish. */
const ONE_OFF = ['migrate', 'redis-cluster'];
/** What `docker compose --profile cluster up` adds: a three-master Redis Cluster and the job that joins it. */
const CLUSTER = ['redis-1', 'redis-2', 'redis-3', 'redis-cluster'];

function service(name: string): Service {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** Every service `name` waits for, directly or through the ones it waits for. */
function startsAfter(name: string, seen = new Set<string>()): Set<string> {
  for (const dependency of Object.keys(service(name).depends_on ?? {})) {
    if (!seen.has(dependency)) startsAfter(dependency, seen.add(dependency));
  }
  return seen;
}

/** What compose does to `${NAME:?message}` and `${NAME:-default}` with the operator's environment. */
function interpolate(value: string, environment: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::[?-]([^}]*))?\}/g, (_, name: string, fallback?: string) => environment[name] ?? fallback ?? '');
}

/** What the operator puts in `.env`. */
const OPERATOR = { APP_SECRET: 'k'.repeat(24) + Math.random().toString(36), ADMIN_TOKEN: `admin-${Math.random().toString(36)}` };

describe('docker-compose.yml', () => {
  it('has every service Paperboy needs', () => {
    const byDefault = Object.keys(services).filter((name) => !service(name).profiles);
    expect(byDefault.sort()).toEqual(['api', 'mailpit', 'migrate', 'postgres', 'redis', 'worker']);
    for (const name of CLUSTER) expect(service(name).profiles, name).toEqual(['cluster']);
    for (const name of PAPERBOY) expect(service(name).build, `${name} runs the image built here`).toBeDefined();
  });

  it('health-checks the services others wait for; the one-off migration has none', () => {
    for (const name of HEALTH_CHECKED) expect(service(name).healthcheck?.test?.length, `${name} healthcheck`).toBeGreaterThan(0);
    for (const name of ONE_OFF) expect(service(name).healthcheck, name).toBeUndefined();
  });

  it('publishes the web ports only: never Postgres or Redis', () => {
    expect(service('api').ports).toContain('3000:3000');
    expect(service('mailpit').ports).toContain('8025:8025');
    expect(service('postgres').ports).toBeUndefined();
    for (const name of ['redis', 'redis-1', 'redis-2', 'redis-3']) expect(service(name).ports, name).toBeUndefined();
  });

  it('waits on health checks and a finished migration, never on a mere start', () => {
    for (const [name, definition] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(definition.depends_on ?? {})) {
        const expected = ONE_OFF.includes(dependency) ? 'service_completed_successfully' : 'service_healthy';
        expect(condition, `${name} → ${dependency}`).toBe(expected);
        if (expected === 'service_healthy') expect(service(dependency).healthcheck, `${dependency} has no healthcheck`).toBeDefined();
      }
    }
  });

  it('starts the API and the worker after the migration, and each after what it connects to', () => {
    expect(startsAfter('migrate')).toEqual(new Set(['postgres']));
    for (const name of ['api', 'worker']) expect([...startsAfter(name)]).toEqual(expect.arrayContaining(['migrate', 'postgres', 'redis']));
    expect(startsAfter('worker')).toContain('mailpit');
  });

  it('with the cluster profile, starts the API and the worker once the cluster is joined, and accepts its REDIS_URL', () => {
    for (const name of ['api', 'worker']) {
      expect([...startsAfter(name)]).toEqual(expect.arrayContaining(CLUSTER));
      // Without the profile the join job does not exist, and compose must not wait for it.
      expect(service(name).depends_on?.['redis-cluster']?.required, name).toBe(false);
    }
    const documented = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8').match(
      /REDIS_URL=(redis\+cluster:\/\/\S+) docker compose --profile cluster up/,
    )?.[1];
    expect(documented).toBe('redis+cluster://redis-1:6379,redis-2:6379,redis-3:6379');
    for (const name of PAPERBOY) {
      const environment = Object.fromEntries(
        Object.entries(service(name).environment ?? {}).map(([key, value]) => [
          key,
          interpolate(String(value), { ...OPERATOR, REDIS_URL: documented ?? '' }),
        ]),
      );
      expect(loadConfig(environment).redisUrl, name).toBe(documented);
    }
  });

  it('sets only variables the configuration knows (a typo would be silently ignored)', () => {
    const known = new Set(Object.keys(envSchema.shape));
    for (const name of PAPERBOY) {
      for (const variable of Object.keys(service(name).environment ?? {})) expect(known, `${name} sets ${variable}`).toContain(variable);
    }
  });

  it('sets the variables production requires', () => {
    for (const name of PAPERBOY) {
      const environment = service(name).environment ?? {};
      expect(environment.NODE_ENV, name).toBe('production');
      for (const variable of PRODUCTION_REQUIRED) expect(environment[variable], `${name} ${variable}`).toBeTruthy();
    }
  });

  it('hard-codes no secret: compose refuses to start until the operator provides them', () => {
    for (const name of PAPERBOY) {
      for (const secret of ['APP_SECRET', 'ADMIN_TOKEN'])
        expect(String(service(name).environment?.[secret]), `${name} ${secret}`).toMatch(/^\$\{\w+:\?.+\}$/);
    }
  });

  it('gives the containers a configuration that production accepts (else they exit at start)', () => {
    for (const name of PAPERBOY) {
      const environment = Object.fromEntries(
        Object.entries(service(name).environment ?? {}).map(([key, value]) => [key, interpolate(String(value), OPERATOR)]),
      );
      expect(() => loadConfig(environment), name).not.toThrow();
    }
  });
});

describe('Dockerfile', () => {
  const workspaces = ['apps', 'packages'].flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((name) => existsSync(join(ROOT, dir, name, 'package.json')))
      .map((name) => `${dir}/${name}`),
  );

  it('copies every workspace manifest before `npm install` (else the install and the image break)', () => {
    const install = dockerfile.indexOf('RUN npm install');
    expect(install).toBeGreaterThan(0);
    for (const workspace of workspaces) {
      const copy = dockerfile.indexOf(`COPY ${workspace}/package.json ${workspace}/`);
      expect(copy, `${workspace}/package.json`).toBeGreaterThan(0);
      expect(copy, `${workspace}/package.json is copied after npm install`).toBeLessThan(install);
    }
  });

  it('runs entry points that exist, in the image and in every compose command', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(cmd).toBeDefined();
    const commands = [
      JSON.parse(cmd ?? '[]') as string[],
      ...Object.values(services).flatMap((definition) => (definition.build ? [definition.command ?? []] : [])),
    ];
    for (const command of commands) {
      for (const argument of command.filter((part) => part.includes('/'))) expect(existsSync(join(ROOT, argument)), argument).toBe(true);
    }
  });
});
