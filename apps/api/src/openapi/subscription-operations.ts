import { subscriptionSchema } from '@paperboy/subscriptions';
import { type DocumentedOperation, error, invalidRequest, tooLarge } from './operation.ts';
import { acceptedResponse, topicsResponse } from './schemas.ts';

const listTopics: DocumentedOperation = {
  method: 'get',
  path: '/api/v1/topics',
  tag: 'Subscriptions',
  summary: 'List the topics',
  description: 'The topics a subscriber can pick, by slug, in display order.',
  responses: {
    200: {
      description: 'The topics',
      json: { name: 'Topics', schema: topicsResponse },
      examples: { topics: { topics: [{ slug: 'audio', name: 'Speech & audio', description: 'Speech recognition, synthesis, music…' }] } },
    },
  },
};

const subscribe: DocumentedOperation = {
  method: 'post',
  path: '/api/v1/subscriptions',
  tag: 'Subscriptions',
  summary: 'Subscribe an address (double opt-in)',
  description:
    'Checks and stores the request; a moment later the worker records the choices and emails a confirmation link, and ' +
    'nothing is sent until it is clicked. The answer, and the work behind it, are the same whether the address is new, ' +
    'pending, already subscribed or suppressed, so neither its content nor its timing tells anyone who subscribes.',
  body: {
    name: 'Subscription',
    schema: subscriptionSchema,
    example: {
      email: 'ada@example.org',
      topics: ['audio', 'llm'],
      keywords: ['source separation'],
      authors: ['Jane Doe'],
      seedPapers: ['2104.10706', 'https://huggingface.co/papers/2501.01234'],
      interests: 'speech enhancement and source separation, especially for hearing aids',
      timezone: 'Europe/Paris',
      deliveryHour: 7,
      frequency: 'daily',
      papersPerEmail: 10,
    },
  },
  responses: {
    202: {
      description: 'Accepted: if the address is valid, a confirmation email is on its way',
      json: { name: 'Accepted', schema: acceptedResponse },
      examples: {
        accepted: {
          status: 'accepted',
          message: 'If the address is valid, a confirmation email is on its way. Click the link in it to start your digest.',
        },
      },
    },
    400: invalidRequest,
    413: tooLarge,
    429: {
      description: 'Too many requests from this client; try again after Retry-After seconds',
      json: error,
      examples: { rateLimited: { error: 'rate_limited', retryAfterSeconds: 60 } },
      headers: { 'Retry-After': 'Seconds to wait before trying again' },
    },
  },
};

export const SUBSCRIPTION_OPERATIONS = [listTopics, subscribe];
