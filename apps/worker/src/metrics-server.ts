import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkerServices } from './services.ts';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The worker has no HTTP API, so Prometheus scrapes it here: GET /metrics, nothing else. Port 0
 * picks a free port (tests); METRICS_PORT=0 is handled by the caller, which then starts none.
 */
export function startMetricsServer(
  registry: { metrics(): Promise<string>; contentType: string },
  port: number,
  host: string,
): Promise<MetricsServer> {
  const server = createServer(async (request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: the worker serves only GET /metrics\n');
      return;
    }
    try {
      const body = await registry.metrics();
      response.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }).end(body);
    } catch (error) {
      response
        .writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end(`Could not collect metrics: ${(error as Error).message}\n`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/**
 * Metrics must never stop mail: if the port is taken (a second worker on this host without its
 * own METRICS_PORT), the worker logs it and runs without.
 */
export async function serveMetrics(services: WorkerServices): Promise<MetricsServer | undefined> {
  const { metricsPort, host } = services.config;
  if (metricsPort === 0) return undefined;
  try {
    const server = await startMetricsServer(services.metrics.registry, metricsPort, host);
    services.logger.info({ port: server.port }, 'metrics served at /metrics');
    return server;
  } catch (error) {
    services.logger.error({ err: error, port: metricsPort }, 'metrics server could not start; running without it');
    return undefined;
  }
}
