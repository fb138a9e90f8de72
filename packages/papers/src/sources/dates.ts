const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Dates go into URLs and queries, so a malformed one is a caller bug to report before any request. */
export function assertIsoDay(value: string, name: string): void {
  if (!ISO_DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new RangeError(`${name} must be a YYYY-MM-DD date, got "${value}"`);
  }
}
