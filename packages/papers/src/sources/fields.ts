import { z } from 'zod';
import { normalizeText } from '../normalize/index.ts';

/** Schema pieces shared by the source formats, so every source validates a field the same way. */

/** Free text that must still say something once normalised. */
export const textField = z.string().transform(normalizeText).pipe(z.string().min(1, 'is empty'));

/** An ISO date or timestamp, as a Date. */
export const dateField = z
  .string()
  .transform((value) => new Date(value))
  .refine((date) => !Number.isNaN(date.getTime()), 'is not a valid date');

export const countField = z.number().int().min(0);

/** The UTC calendar day of a timestamp, the form `listedOn` uses. */
export function toIsoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** One line per problem, naming the field: "paper.summary: Invalid input: expected string". */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'item'}: ${issue.message}`).join('; ');
}
