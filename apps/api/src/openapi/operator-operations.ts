import { runBody } from '../routes/admin.ts';
import { type DocumentedOperation, error, invalidRequest, tooLarge } from './operation.ts';
import { dryRunResponse, runQueuedResponse } from './schemas.ts';

const runDigest: DocumentedOperation = {
  method: 'post',
  path: '/api/v1/admin/digests/run',
  tag: 'Operators',
  summary: 'Run the digest now, or preview it',
  description:
    'Records a delivery for every confirmed subscriber who has none for the date and queues the sends (a repeated ' +
    'call sends nothing twice). With `dryRun`, lists who would get which papers and records nothing.',
  bearer: true,
  body: { name: 'DigestRun', schema: runBody, example: { date: '2026-11-23', dryRun: true } },
  responses: {
    200: {
      description: 'Dry run: who would get which papers',
      json: { name: 'DigestDryRun', schema: dryRunResponse },
      examples: {
        dryRun: {
          dryRun: true,
          digests: [
            { email: 'ada@example.org', digestDate: '2026-11-23', papers: [{ title: 'A paper on speech separation', reasons: ['audio'] }] },
          ],
        },
      },
    },
    202: {
      description: 'Deliveries recorded and queued for the worker',
      json: { name: 'DigestQueued', schema: runQueuedResponse },
      examples: { queued: { dryRun: false, planned: 42, batches: 1 } },
    },
    400: invalidRequest,
    401: { description: 'No bearer token, or the wrong one', json: error, examples: { unauthorized: { error: 'unauthorized' } } },
    403: {
      description: 'ADMIN_TOKEN is not set on the server: the admin API is disabled',
      json: error,
      examples: { disabled: { error: 'admin_disabled', message: 'Set ADMIN_TOKEN to enable the admin API' } },
    },
    413: tooLarge,
  },
};

export const OPERATOR_OPERATIONS = [runDigest];
