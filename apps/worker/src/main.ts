import { ConfigError, loadConfig } from '@paperboy/config';
import { scheduleRepeatingJobs, startWorkers } from './registry.ts';
import { closeWorkerServices, createWorkerServices } from './services.ts';

async function main() {
  const config = loadConfig();
  const services = await createWorkerServices(config);
  const registry = startWorkers(services);
  await scheduleRepeatingJobs(services);
  console.log(`Paperboy worker started (${registry.workers.map((worker) => worker.name).join(', ')})`);

  const stop = async (signal: string) => {
    console.log(`Worker received ${signal}, finishing running jobs`);
    await registry.close();
    await closeWorkerServices(services);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
