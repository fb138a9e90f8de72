export { type Config, ConfigError, envSchema, loadConfig, PRODUCTION_REQUIRED } from './config.ts';
export { hasHashTag, parseRedisUrl, type RedisTarget } from './redis-url.ts';
