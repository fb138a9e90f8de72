import { type FailedJob, JOB_STATES, type JobCounts } from '@paperboy/observability';
import { formatCount, formatTime } from './admin-format.ts';
import { AdminLayout } from './admin-layout.tsx';
import { ScrollRegion } from './admin-scroll-region.tsx';

export interface QueueView {
  name: string;
  counts: JobCounts;
  failed: FailedJob[];
}

const NOTICES = {
  retried: 'The job is queued again, with a fresh set of attempts.',
  gone: 'That job is no longer failed (already retried, or removed): nothing was changed.',
} as const;

export type QueueNotice = keyof typeof NOTICES;

function CountsTable(props: { queues: QueueView[] }) {
  return (
    <ScrollRegion label="Jobs by state">
      <table class="data">
        <thead>
          <tr>
            <th>Queue</th>
            {JOB_STATES.map((state) => (
              <th class="number">{state}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.queues.map((queue) => (
            <tr>
              <td>
                <a href={`#queue-${queue.name}`}>{queue.name}</a>
              </td>
              {JOB_STATES.map((state) => (
                <td class={`number${state === 'failed' && queue.counts.failed > 0 ? ' status-failed' : ''}`}>
                  {formatCount(queue.counts[state])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function FailedJobs(props: { queue: QueueView }) {
  const { queue } = props;
  if (queue.failed.length === 0) return <p>No failed jobs.</p>;
  return (
    <ScrollRegion label={`Failed jobs: ${queue.name}`}>
      <table class="data">
        <thead>
          <tr>
            <th>Failed</th>
            <th>Job</th>
            <th class="number">Attempts</th>
            <th>Reason</th>
            <th>
              <span class="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {queue.failed.map((job) => (
            <tr>
              <td>{formatTime(job.failedAt)}</td>
              <td>
                <code>{job.id}</code>
              </td>
              <td class="number">
                {job.attemptsMade} of {job.maxAttempts}
              </td>
              <td class="error-text">{job.failedReason}</td>
              <td>
                <form method="post" action={`/admin/queues/${encodeURIComponent(queue.name)}/jobs/${encodeURIComponent(job.id)}/retry`}>
                  <button type="submit" aria-label={`Retry job ${job.id}`}>
                    Retry
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function AdminQueuesPage(props: { queues: QueueView[]; notice?: QueueNotice }) {
  return (
    <AdminLayout title="Queues" signedIn>
      <section class="hero">
        <h1>Queues</h1>
        <p class="lead">Jobs per queue and state, and the newest failures with their reason.</p>
      </section>
      {props.notice ? (
        <p class="notice" role="status">
          {NOTICES[props.notice]}
        </p>
      ) : null}
      <section class="card">
        <h2>Jobs by state</h2>
        <CountsTable queues={props.queues} />
      </section>
      {props.queues.map((queue) => (
        <section class="card" id={`queue-${queue.name}`}>
          <h2>Failed jobs: {queue.name}</h2>
          <FailedJobs queue={queue} />
        </section>
      ))}
    </AdminLayout>
  );
}
