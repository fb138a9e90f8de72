/** Messages between the benchmark and its SMTP sink process (over the IPC channel). */
export type SinkRequest = { type: 'total' } | { type: 'counts' } | { type: 'typical' } | { type: 'reset' };

export type SinkReply =
  | { type: 'listening'; port: number }
  | { type: 'total'; delivered: number }
  | { type: 'counts'; delivered: number; counts: Record<string, number> }
  /** A message of about the average size (base64), as the client meant it (dot-stuffing undone). */
  | { type: 'typical'; averageBytes: number; message: string }
  | { type: 'reset' };
