/** part / whole, or 0 for a day with nothing to measure (no sends, nobody subscribed). */
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/**
 * Per day: the bounce rate (permanent refusals among attempted sends) and the unsubscribe rate
 * (people who left among those confirmed that day: still confirmed at its end, plus the leavers).
 */
export function dailyRates(
  outcomes: { sent: number[]; failed: number[] },
  changes: { unsubscribed: number[] },
  statuses: { confirmed: number[] },
) {
  return {
    bounce: outcomes.sent.map((sent, day) => ratio(outcomes.failed[day] ?? 0, sent + (outcomes.failed[day] ?? 0))),
    unsubscribe: changes.unsubscribed.map((left, day) => ratio(left, (statuses.confirmed[day] ?? 0) + left)),
  };
}
