import type { DocumentedOperation } from './operation.ts';
import { healthResponse, readinessResponse } from './schemas.ts';

export const PROBE_OPERATIONS: DocumentedOperation[] = [
  {
    method: 'get',
    path: '/healthz',
    tag: 'Probes',
    summary: 'Liveness',
    description: 'Whether the process answers, with the reachability of Postgres and Redis.',
    responses: {
      200: {
        description: 'Up',
        json: { name: 'Health', schema: healthResponse },
        examples: { ok: { status: 'ok', postgres: 'ok', redis: 'ok' } },
      },
      503: {
        description: 'Postgres or Redis is unreachable',
        json: { name: 'Health', schema: healthResponse },
        examples: { down: { status: 'unavailable', postgres: 'ok', redis: 'down' } },
      },
    },
  },
  {
    method: 'get',
    path: '/readyz',
    tag: 'Probes',
    summary: 'Readiness',
    description: 'Whether this process can serve traffic: Postgres reachable with every migration applied, and Redis reachable.',
    responses: {
      200: {
        description: 'Ready',
        json: { name: 'Readiness', schema: readinessResponse },
        examples: { ready: { status: 'ready', checks: { postgres: 'ok', migrations: 'ok', redis: 'ok' } } },
      },
      503: {
        description: 'Not ready, with the reasons',
        json: { name: 'Readiness', schema: readinessResponse },
        examples: {
          pending: {
            status: 'unavailable',
            checks: { postgres: 'ok', migrations: 'pending', redis: 'ok' },
            reasons: ['Migrations not applied: 20261122103828_delivery_job_id (run `npx paperboy migrate`)'],
          },
        },
      },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    tag: 'Probes',
    summary: 'Prometheus metrics',
    description: 'HTTP requests by method, route and status, their latency, and process metrics, in the Prometheus text format.',
    responses: {
      200: {
        description: 'Metrics in the text exposition format',
        otherType: 'text/plain; version=0.0.4',
        examples: { metrics: 'paperboy_http_requests_total{method="POST",route="/api/v1/subscriptions",status="202"} 1\n' },
      },
    },
  },
];
