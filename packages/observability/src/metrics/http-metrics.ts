import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface ObservedRequest {
  method: string;
  /** The matched route pattern (`/confirm/:token`), never the raw path: tokens stay out of labels. */
  route: string;
  status: number;
}

export interface HttpMetrics {
  registry: Registry;
  observeRequest(request: ObservedRequest, seconds: number): void;
}

/** The API's registry: requests by method, route and status, their latency, and process metrics. */
export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'paperboy_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'paperboy_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    observeRequest({ method, route, status }, seconds) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    },
  };
}
