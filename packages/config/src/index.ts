export { type Config, ConfigError, envSchema, loadConfig, PRODUCTION_REQUIRED } from './config.ts';
