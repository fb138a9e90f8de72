export interface DeliveryCheck {
  expected: number;
  received: number;
  missing: string[];
  duplicated: string[];
  unexpected: string[];
}

/** Compares the sink's per-recipient counts in `domain` with who should have got exactly one message. */
export function checkExactlyOnce(expected: Set<string>, counts: Map<string, number>, domain: string): DeliveryCheck {
  const check: DeliveryCheck = { expected: expected.size, received: 0, missing: [], duplicated: [], unexpected: [] };
  for (const [address, count] of counts) {
    if (!address.endsWith(`@${domain}`)) continue;
    check.received += count;
    if (!expected.has(address)) check.unexpected.push(address);
    else if (count > 1) check.duplicated.push(address);
  }
  for (const address of expected) if (!counts.has(address)) check.missing.push(address);
  return check;
}

export const isExact = (check: DeliveryCheck) =>
  check.missing.length === 0 && check.duplicated.length === 0 && check.unexpected.length === 0;
