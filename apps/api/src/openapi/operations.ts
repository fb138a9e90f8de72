import type { DocumentedOperation } from './operation.ts';
import { OPERATOR_OPERATIONS } from './operator-operations.ts';
import { PROBE_OPERATIONS } from './probe-operations.ts';
import { REFERENCE_OPERATIONS } from './reference-operations.ts';
import { SUBSCRIPTION_OPERATIONS } from './subscription-operations.ts';

/** Every documented endpoint, in the order the reference page lists them. */
export const OPERATIONS: DocumentedOperation[] = [
  ...SUBSCRIPTION_OPERATIONS,
  ...OPERATOR_OPERATIONS,
  ...PROBE_OPERATIONS,
  ...REFERENCE_OPERATIONS,
];
