import type { Dashboard } from '@paperboy/observability';
import { BarList, ColumnChart, LineChart } from './admin-charts.tsx';
import { formatAge, formatCount, formatPercent, formatTime } from './admin-format.ts';
import { AdminLayout } from './admin-layout.tsx';
import { ScrollRegion } from './admin-scroll-region.tsx';

function Charts(props: { dashboard: Dashboard }) {
  const { days, statuses, changes, outcomes, rates, topics } = props.dashboard;
  return (
    <div class="chart-grid">
      <section class="card">
        <h2>Subscribers by status</h2>
        <LineChart
          title="Subscribers by status at the end of each day"
          days={days}
          integer
          series={[
            { name: 'confirmed', values: statuses.confirmed },
            { name: 'pending', values: statuses.pending },
            { name: 'unsubscribed', values: statuses.unsubscribed },
            { name: 'bounced', values: statuses.bounced },
          ]}
        />
      </section>
      <section class="card">
        <h2>Confirmations and unsubscribes per day</h2>
        <ColumnChart
          title="Confirmations and unsubscribes per day"
          days={days}
          stacked={false}
          series={[
            { name: 'confirmations', values: changes.confirmed },
            { name: 'unsubscribes', values: changes.unsubscribed },
          ]}
        />
      </section>
      <section class="card">
        <h2>Digests per day</h2>
        <ColumnChart
          title="Digests per digest date, by outcome"
          days={days}
          stacked
          series={[
            { name: 'sent', values: outcomes.sent },
            { name: 'skipped', values: outcomes.skipped },
            { name: 'failed', values: outcomes.failed },
            { name: 'unknown', values: outcomes.unknown },
          ]}
        />
      </section>
      <section class="card">
        <h2>Bounce and unsubscribe rates</h2>
        <LineChart
          title="Bounce rate (refused among attempted sends) and unsubscribe rate per day"
          days={days}
          format={formatPercent}
          series={[
            { name: 'bounce rate', values: rates.bounce },
            { name: 'unsubscribe rate', values: rates.unsubscribe },
          ]}
        />
      </section>
      <section class="card">
        <h2>Topic popularity</h2>
        <BarList title="Confirmed subscribers per topic" items={topics.map((topic) => ({ label: topic.name, value: topic.subscribers }))} />
      </section>
    </div>
  );
}

function IngestTable(props: { ingest: Dashboard['ingest'] }) {
  if (props.ingest.length === 0) return <p>No ingestion has run yet.</p>;
  return (
    <ScrollRegion label="Ingestion per source">
      <table class="data">
        <thead>
          <tr>
            <th>Source</th>
            <th>Last run</th>
            <th>Status</th>
            <th class="number">New</th>
            <th class="number">Updated</th>
            <th class="number">Rejected</th>
            <th>Last success</th>
            <th>Last error</th>
          </tr>
        </thead>
        <tbody>
          {props.ingest.map((run) => (
            <tr>
              <td>
                {run.source} <span class="hint">{run.target}</span>
              </td>
              <td>{formatTime(run.startedAt)}</td>
              <td class={`status-${run.status}`}>{run.status}</td>
              <td class="number">{formatCount(run.created)}</td>
              <td class="number">{formatCount(run.updated)}</td>
              <td class="number">{formatCount(run.rejected)}</td>
              <td>{formatTime(run.lastSuccessAt)}</td>
              <td>
                {run.lastError ? (
                  <>
                    <span class="hint">{formatTime(run.lastErrorAt)}</span> <span class="error-text">{run.lastError}</span>
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function FailedDeliveries(props: { failed: Dashboard['failed'] }) {
  if (props.failed.length === 0) return <p>No failed or unknown sends.</p>;
  return (
    <ScrollRegion label="Failed and unknown sends">
      <table class="data">
        <thead>
          <tr>
            <th>Finished</th>
            <th>Recipient</th>
            <th>Digest date</th>
            <th>Status</th>
            <th class="number">Attempts</th>
            <th>Reason</th>
            <th>Delivery id</th>
          </tr>
        </thead>
        <tbody>
          {props.failed.map((delivery) => (
            <tr>
              <td>{formatTime(delivery.finishedAt)}</td>
              <td>{delivery.subscriber.email}</td>
              <td>{delivery.digestDate.toISOString().slice(0, 10)}</td>
              <td class="status-failed">{delivery.status}</td>
              <td class="number">{delivery.attempts}</td>
              <td class="error-text">{delivery.lastError ?? '—'}</td>
              <td>
                <code>{delivery.id}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function AdminDashboardPage(props: { dashboard: Dashboard }) {
  const { dashboard } = props;
  const today = dashboard.days.length - 1;
  return (
    <AdminLayout title="Dashboard" signedIn>
      <section class="hero">
        <h1>Dashboard</h1>
        <p class="lead">
          {formatCount(dashboard.statuses.confirmed[today] ?? 0)} confirmed subscribers · {formatCount(dashboard.outcomes.sent[today] ?? 0)}{' '}
          digests sent today · last {dashboard.days.length} days, UTC.
        </p>
      </section>
      <Charts dashboard={dashboard} />
      <section class="card">
        <h2>Ingestion, per source</h2>
        <IngestTable ingest={dashboard.ingest} />
      </section>
      <section class="card">
        <h2>Confirmation emails</h2>
        <p>
          {formatCount(dashboard.outbox.waiting)} waiting
          {dashboard.outbox.waiting > 0 ? `, the oldest for ${formatAge(dashboard.outbox.oldestWaitingSeconds)}` : ''} ·{' '}
          {formatCount(dashboard.outbox.failed)} failed for good
        </p>
        <p class="hint">
          Confirmation and “already subscribed” emails are recorded in Postgres before they are queued; one waiting for minutes usually
          means the SMTP server is down or refusing (see the worker's log).
        </p>
      </section>
      <section class="card">
        <h2>Failed and unknown sends</h2>
        <p class="hint">
          Failed: the server refused the message for good. Unknown: the connection dropped after the message was handed over, so it may have
          arrived; Paperboy does not resend it.
        </p>
        <FailedDeliveries failed={dashboard.failed} />
      </section>
    </AdminLayout>
  );
}
