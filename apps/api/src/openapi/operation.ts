import type { z } from 'zod';
import { errorResponse } from './schemas.ts';

/** A JSON schema published under components/schemas with this name. */
export interface NamedSchema {
  name: string;
  schema: z.ZodType;
}

export interface DocumentedResponse {
  description: string;
  json?: NamedSchema;
  /** For answers that are not JSON (the metrics text, the docs page). */
  otherType?: string;
  /** Example bodies by name; each is checked against `json` by a test. */
  examples?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface DocumentedOperation {
  method: 'get' | 'post';
  path: string;
  tag: 'Subscriptions' | 'Operators' | 'Probes' | 'Reference';
  summary: string;
  description: string;
  /** Needs `Authorization: Bearer <ADMIN_TOKEN>`. */
  bearer?: boolean;
  body?: NamedSchema & { example: unknown };
  responses: Record<number, DocumentedResponse>;
}

export const error: NamedSchema = { name: 'Error', schema: errorResponse };

export const invalidRequest: DocumentedResponse = {
  description: 'The body is not valid: each bad field is named, or the JSON could not be read',
  json: error,
  examples: {
    fields: { error: 'invalid_request', fields: { email: 'Enter a valid email address', deliveryHour: 'Pick an hour from 0 to 23' } },
    malformed: { error: 'invalid_request', message: 'Malformed JSON in request body' },
  },
};

export const tooLarge: DocumentedResponse = {
  description: 'The body is larger than 64 KiB',
  json: error,
  examples: { tooLarge: { error: 'payload_too_large' } },
};
