import type { Db } from '@paperboy/db';
import { refitReaderModel } from '@paperboy/feedback';
import pg from 'pg';

// Where readers live: every offset from UTC-8 to UTC+9, so local dates and hours differ.
const TIMEZONES = [
  'America/Los_Angeles',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Helsinki',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Tokyo',
];
// Phrases that occur in the sample papers, as readers would type them.
const KEYWORDS = [
  'diffusion',
  'reinforcement learning',
  'source separation',
  'speech recognition',
  'video generation',
  'retrieval',
  'mixture of experts',
  'quantization',
  'benchmark',
  'robot',
  'knowledge distillation',
  'graph neural network',
];

/**
 * Inserts `count` subscribers (confirmed unless told otherwise) in one transaction, set-based: 2–5 topics each, drawn
 * without replacement with weights falling with the topic's position (the taxonomy lists popular
 * topics first), one in five with one or two keywords, spread over time zones, each with a
 * delivery hour already past locally, so all are due now. setseed makes runs comparable.
 */
export async function seedSubscribers(
  databaseUrl: string,
  count: number,
  domain: string,
  status: 'confirmed' | 'pending' = 'confirmed',
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT setseed(0.42)');
    await client.query(
      `CREATE TEMP TABLE bench_seed ON COMMIT DROP AS
       SELECT i, gen_random_uuid() AS id, 2 + floor(random() * 4)::int AS topic_count,
              ($2::text[])[1 + (i % array_length($2::text[], 1))] AS timezone,
              CASE WHEN i % 5 = 0
                   THEN (SELECT array_agg(DISTINCT k) FROM (SELECT ($3::text[])[1 + floor(random() * array_length($3::text[], 1))::int] AS k
                                                          FROM generate_series(1, 1 + (i % 2)) WHERE i IS NOT NULL) picked)
                   ELSE '{}'::text[] END AS keywords
       FROM generate_series(1, $1::int) AS i`,
      [count, TIMEZONES, KEYWORDS],
    );
    await client.query(
      `INSERT INTO subscribers (id, email, email_key, status, keywords, timezone, delivery_hour, frequency, papers_per_email,
                                consented_at, updated_at)
       SELECT id, 'reader' || i || '@' || $1, 'reader' || i || '@' || $1, $2::"SubscriberStatus", keywords, timezone,
              floor(random() * (extract(hour FROM now() AT TIME ZONE timezone) + 1))::int, 'daily',
              (ARRAY[5, 10, 10, 10, 20])[1 + i % 5], CASE WHEN $2 = 'confirmed' THEN now() END, now()
       FROM bench_seed`,
      [domain, status],
    );
    await client.query(
      `INSERT INTO subscriber_topics (subscriber_id, topic_id)
       SELECT b.id, picked.id FROM bench_seed b
       CROSS JOIN LATERAL (SELECT t.id FROM topics t WHERE b.i IS NOT NULL
                           ORDER BY -ln(1 - random()) * (t.position + 1) LIMIT b.topic_count) picked`,
    );
    await client.query('COMMIT');
    await client.query('ANALYZE subscribers; ANALYZE subscriber_topics');
  } finally {
    await client.end();
  }
}

/**
 * Who should get a digest, computed independently of the pipeline's selection query: confirmed
 * readers in `domain` with at least one paper on a followed topic or matching a keyword phrase.
 */
export async function expectedRecipients(db: Db, domain: string): Promise<Set<string>> {
  const rows = await db.$queryRaw<Array<{ email: string }>>`
    SELECT s.email FROM subscribers s
    WHERE s.status = 'confirmed' AND s.email_key LIKE ${`%@${domain}`}
      AND (EXISTS (SELECT 1 FROM subscriber_topics st JOIN paper_topics pt ON pt.topic_id = st.topic_id WHERE st.subscriber_id = s.id)
           OR EXISTS (SELECT 1 FROM unnest(s.keywords) AS k(phrase) JOIN papers p ON p.search_vector @@ phraseto_tsquery('english', k.phrase)))`;
  return new Set(rows.map((row) => row.email));
}

// What profiled readers wrote about their work, one of these each.
const INTERESTS = [
  'efficient inference for large language models: quantization, speculative decoding and KV cache compression',
  'robot learning with vision-language-action models and world models',
  'diffusion models for video generation and editing',
  'speech recognition and source separation for hearing aids',
  'retrieval-augmented generation and long-context question answering',
  'reinforcement learning from human feedback and reasoning in language models',
  'multimodal models that read documents, charts and screenshots',
  'molecule and protein generation with generative models',
];

/**
 * Gives a share of the readers a profile: an interests text, four papers liked and one disliked
 * (drawn at random: the selection's cost does not depend on which), and, for those, a reader model.
 * The model's weights are one fitted model's, copied: the digest reads and applies weights whatever
 * they are, and fitting thousands of models is the worker's job, not the benchmark's.
 */
export async function seedProfiles(db: Db, share: number, domain: string): Promise<number> {
  if (share <= 0) return 0;
  const profiled = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE subscribers SET interests = (${INTERESTS}::text[])[1 + abs(hashtext(id::text)) % ${INTERESTS.length}]
    WHERE email_key LIKE ${`%@${domain}`} AND abs(hashtext(id::text)) % 1000 < ${Math.round(share * 1000)}
    RETURNING id::text`;
  await db.$executeRaw`
    INSERT INTO paper_feedback (subscriber_id, paper_id, verdict)
    SELECT s.id, picked.id, CASE WHEN picked.n = 5 THEN 'less'::"FeedbackVerdict" ELSE 'more'::"FeedbackVerdict" END
    FROM subscribers s CROSS JOIN LATERAL (
      SELECT p.id, row_number() OVER () AS n FROM papers p WHERE s.id IS NOT NULL ORDER BY random() LIMIT 5
    ) picked
    WHERE s.interests <> '' AND s.email_key LIKE ${`%@${domain}`}`;
  const [first] = profiled;
  if (first) {
    await refitReaderModel(db, first.id);
    await db.$executeRaw`
      INSERT INTO reader_models (subscriber_id, text_model, weights, likes, dislikes)
      SELECT s.id, m.text_model, m.weights, m.likes, m.dislikes FROM subscribers s, reader_models m
      WHERE m.subscriber_id = ${first.id}::uuid AND s.interests <> '' AND s.id <> m.subscriber_id AND s.email_key LIKE ${`%@${domain}`}`;
  }
  await db.$executeRaw`ANALYZE paper_feedback`;
  return profiled.length;
}
