import { z } from 'zod';

// What the JSON endpoints answer. Request bodies are documented from the schemas that validate
// them (see operations.ts); these response shapes are checked against real answers by tests.

export const topicsResponse = z.object({
  topics: z.array(z.object({ slug: z.string(), name: z.string(), description: z.string() })),
});

export const acceptedResponse = z.object({ status: z.literal('accepted'), message: z.string() });

export const errorResponse = z.object({
  error: z.string().describe('A stable code: invalid_request, payload_too_large, rate_limited, unauthorized, admin_disabled, not_found…'),
  message: z.string().optional().describe('A sentence for people'),
  fields: z.record(z.string(), z.string()).optional().describe('Field name → what is wrong with it (invalid_request)'),
  retryAfterSeconds: z.number().int().optional().describe('When to try again (rate_limited; also in Retry-After)'),
});

export const dryRunResponse = z.object({
  dryRun: z.literal(true),
  digests: z.array(
    z.object({
      email: z.string(),
      digestDate: z.iso.date(),
      papers: z.array(z.object({ title: z.string(), reasons: z.array(z.string()) })),
    }),
  ),
});

export const runQueuedResponse = z.object({
  dryRun: z.literal(false),
  planned: z.number().int().describe('Deliveries recorded now (subscribers who had none for that date)'),
  batches: z.number().int().describe('Send jobs queued for the worker'),
});

const probe = z.enum(['ok', 'down']);

export const healthResponse = z.object({ status: z.enum(['ok', 'unavailable']), postgres: probe, redis: probe });

export const readinessResponse = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.object({ postgres: probe, migrations: z.enum(['ok', 'pending', 'unknown']), redis: probe }),
  reasons: z.array(z.string()).optional().describe('Why the process is not ready (503 only)'),
});
