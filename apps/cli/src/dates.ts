import { UsageError } from './errors.ts';

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A YYYY-MM-DD argument, checked to be a real day (2025-02-30 is not). */
export function parseDay(value: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value)
    throw new UsageError(`not a date: "${value}" (expected YYYY-MM-DD)`);
  return value;
}
