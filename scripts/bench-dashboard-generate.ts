/**
 * The data side of `npm run bench:dashboard`, run as a child process while the app's server is
 * stopped (PGlite lets one process open a data folder at a time). It opens the database exactly as
 * the server does (openDatabase + migrate) and writes through the same roles, policies and
 * triggers as the app: people and members as a facilitator, measures as the evaluator, evidence
 * as its submitters and its review as the evaluator, so the audit log and anything built on it
 * (tallies, live change events) are real. Driven by scripts/bench-dashboard.ts over IPC:
 *
 * - setup: a public strategy with 6 priorities, 30 commitments, 200 measures linked to them, an
 *   evaluator, 150 viewer members, and a session for each (as the embedded auth makes them);
 * - grow: evidence up to N rows (from wherever it is now), in batches of one transaction each;
 * - pending: submitted items for the benchmark's writer to verify during the live run;
 * - expected: which audit rows of a window each viewer may read (RLS decides, as that viewer).
 */
import { createHash, randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { openDatabase, type Claims, type Database, type Tx } from "../app/platform/db.server";
import { migrate } from "../app/platform/migrate.server";

export const MEASURES = 200;
export const PRIORITIES = 6;
export const COMMITMENTS_PER_PRIORITY = 5;
export const VIEWER_MEMBERS = 150;
const SUBMITTERS = 10;
const BATCH = 5_000;
// Monthly data points for five years at most: beyond that the dataset grows in documents,
// feedback and stories, as a real strategy's would.
const PERIODS = 60;

export type Person = { id: string; email: string; token: string };
export type Setup = {
  strategyId: string;
  facilitator: Person;
  evaluator: Person;
  viewers: Person[];
  submitters: Person[];
  measureIds: string[];
  commitmentIds: string[];
  priorityIds: string[];
};

export type GenerateRequest =
  | { type: "setup" }
  | { type: "grow"; setup: Setup; from: number; to: number }
  | { type: "pending"; setup: Setup; from: number; count: number }
  | { type: "expected"; setup: Setup; after: number }
  | { type: "stop" };

const CATEGORIES = ["peoples_experience", "staff_leader_feedback", "partner_feedback", "observation", "processes", "outcomes"];
const PARTIES = ["employers", "central_government", "local_government", "regulators", "improvement_bodies", "nhs_integrated_care", "people_led_organisations"];
const COMMITMENT_STATUSES = ["agreed", "in_progress", "agreed", "proposed", "delivered"];

const claimsOf = (p: Person): Claims => ({ sub: p.id, role: "authenticated", email: p.email });
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** What evidence item number i is: about 30% data points (while there are periods left), the rest spread. */
function plan(i: number) {
  const dataPoint = i % 10 < 3 ? Math.floor(i / 10) * 3 + (i % 10) : -1;
  if (dataPoint >= 0 && dataPoint < MEASURES * PERIODS) {
    return { kind: "data_point" as const, measure: dataPoint % MEASURES, period: Math.floor(dataPoint / MEASURES) };
  }
  const kinds = ["document", "feedback", "story", "feedback", "document", "story", "feedback"] as const;
  return { kind: kinds[i % kinds.length]!, measure: -1, period: -1 };
}

/** The review each item gets: most verified, some waiting, a few returned or rejected. */
function reviewOf(i: number): "verified" | "submitted" | "returned" | "rejected" {
  const r = (i * 37) % 100;
  if (r < 85) return "verified";
  if (r < 93) return "submitted";
  if (r < 97) return "returned";
  return "rejected";
}

async function createPeople(db: Database, prefix: string, count: number): Promise<Person[]> {
  const rows = await db.asService("benchmark: create accounts", (tx) =>
    tx.query<{ id: string; email: string }>(
      `insert into auth.users (email, raw_user_meta_data)
       select $1 || '-' || i || '-' || $2 || '@example.test', jsonb_build_object('display_name', initcap($1) || ' ' || i)
         from generate_series(1, $3::int) i
       returning id, email`,
      [prefix, randomBytes(4).toString("hex"), count],
    ),
  );
  // Sessions as the embedded auth starts them: the cookie carries a token, the database its hash.
  const people = rows.map((r) => ({ ...r, token: randomBytes(32).toString("base64url") }));
  await db.asService("benchmark: start sessions", (tx) =>
    tx.query(
      `insert into app_private.sessions (id_hash, user_id, expires_at, user_agent)
       select h, u, now() + interval '1 day', 'bench-dashboard' from unnest($1::text[], $2::uuid[]) as s(h, u)`,
      [people.map((p) => sha256(p.token)), people.map((p) => p.id)],
    ),
  );
  return people;
}

async function setup(db: Database): Promise<Setup> {
  const [facilitator] = await createPeople(db, "facilitator", 1);
  const [evaluator] = await createPeople(db, "evaluator", 1);
  const viewers = await createPeople(db, "viewer", VIEWER_MEMBERS);
  const submitters = viewers.slice(0, SUBMITTERS);
  const roles = ["worker", "lived_experience", "partner", "observer"];

  const ids = await db.asUser(claimsOf(facilitator!), async (tx) => {
    const strategy = await tx.one<{ id: string }>(
      `insert into public.strategies (title, summary, visibility, status, created_by)
       values ('Benchmark strategy', 'Generated by npm run bench:dashboard', 'public', 'published', $1) returning id`,
      [facilitator!.id],
    );
    const strategyId = strategy!.id;
    const priorities = await tx.query<{ id: string }>(
      `insert into public.priorities (strategy_id, position, title, summary)
       select $1, p, 'Priority ' || p, 'Why priority ' || p || ' matters' from generate_series(1, $2::int) p
       returning id`,
      [strategyId, PRIORITIES],
    );
    const priorityIds = priorities.map((p) => p.id);
    const commitmentIds: string[] = [];
    for (const [p, priorityId] of priorityIds.entries()) {
      for (let c = 1; c <= COMMITMENTS_PER_PRIORITY; c++) {
        const n = p * COMMITMENTS_PER_PRIORITY + c;
        const row = await tx.one<{ id: string }>(
          `insert into public.commitments (strategy_id, priority_id, position, text, responsible_parties, status)
           values ($1, $2, $3, $4, $5, $6) returning id`,
          [strategyId, priorityId, c, `We will deliver commitment ${n} of the benchmark strategy.`, [PARTIES[n % PARTIES.length], PARTIES[(n * 3) % PARTIES.length]].filter((v, i, a) => a.indexOf(v) === i), COMMITMENT_STATUSES[n % COMMITMENT_STATUSES.length]],
        );
        commitmentIds.push(row!.id);
      }
    }
    await tx.query(
      `insert into public.strategy_members (strategy_id, user_id, invited_by) select $1, u, $2 from unnest($3::uuid[]) u`,
      [strategyId, facilitator!.id, [evaluator!.id, ...viewers.map((v) => v.id)]],
    );
    await tx.query(
      `insert into public.member_roles (strategy_id, user_id, role, granted_by) select $1, u, r, $2 from unnest($3::uuid[], $4::text[]) as x(u, r)`,
      [strategyId, facilitator!.id, [evaluator!.id, ...viewers.map((v) => v.id)], ["evaluator", ...viewers.map((_, i) => (i < SUBMITTERS ? "worker" : roles[i % roles.length]!))]],
    );
    return { strategyId, priorityIds, commitmentIds };
  });

  // Measures: 90% quantitative on a trajectory, 10% qualitative; each shows a commitment, every
  // fifth its priority too.
  const measureIds = await db.asUser(claimsOf(evaluator!), async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `insert into public.measures (strategy_id, name, definition, kind, unit, direction, baseline_value, baseline_date,
         baseline_source, target_value, target_date, frequency, data_source, rag_method, tolerance)
       select $1, 'Measure ' || lpad(i::text, 3, '0'), 'What measure ' || i || ' counts',
              case when i % 10 = 9 then 'qualitative' else 'quantitative' end,
              case when i % 10 = 9 then null else 'percentage' end,
              case when i % 10 = 9 then null when i % 2 = 0 then 'higher_is_better' else 'lower_is_better' end,
              case when i % 10 = 9 then null when i % 2 = 0 then 40 else 60 end,
              case when i % 10 = 9 then null else date '2020-01-01' end,
              case when i % 10 = 9 then null else 'Benchmark baseline' end,
              case when i % 10 = 9 then null when i % 2 = 0 then 70 else 30 end,
              case when i % 10 = 9 then null else date '2030-01-01' end,
              'monthly', 'local_data',
              case when i % 10 = 9 then 'judgement' else 'trajectory' end,
              case when i % 10 = 9 then null else 3 end
         from generate_series(0, $2::int - 1) i
       order by i
       returning id`,
      [ids.strategyId, MEASURES],
    );
    const measureIds = rows.map((r) => r.id);
    await tx.query(
      `insert into public.measure_links (strategy_id, measure_id, commitment_id)
       select $1, m, c from unnest($2::uuid[], $3::uuid[]) as x(m, c)`,
      [ids.strategyId, measureIds, measureIds.map((_, i) => ids.commitmentIds[i % ids.commitmentIds.length])],
    );
    await tx.query(
      `insert into public.measure_links (strategy_id, measure_id, priority_id)
       select $1, m, p from unnest($2::uuid[], $3::uuid[]) as x(m, p)`,
      [ids.strategyId, measureIds.filter((_, i) => i % 5 === 0), measureIds.flatMap((_, i) => (i % 5 === 0 ? [ids.priorityIds[i % PRIORITIES]] : []))],
    );
    return measureIds;
  });

  return { ...ids, facilitator: facilitator!, evaluator: evaluator!, viewers, submitters, measureIds };
}

type Row = {
  kind: string;
  category: string;
  measure: string | null;
  commitment: string | null;
  priority: string | null;
  title: string;
  body: string;
  evidenceDate: string;
  value: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  judgement: string | null;
  consentQuote: boolean;
  consentPublish: boolean;
  anonymised: boolean;
  storageKey: string | null;
};

const monthEnd = (period: number) => new Date(Date.UTC(2020, period + 1, 0)).toISOString().slice(0, 10);
const monthStart = (period: number) => new Date(Date.UTC(2020, period, 1)).toISOString().slice(0, 10);

function rowFor(setup: Setup, i: number, pending = false): Row {
  const p = pending ? { kind: (["feedback", "document", "story", "feedback", "document"] as const)[i % 5], measure: -1, period: -1 } : plan(i);
  const target = i % 10;
  const onMeasure = p.kind === "data_point" || target < 5;
  const onCommitment = !onMeasure && target < 8;
  const story = p.kind === "story";
  const qualitative = p.measure >= 0 && p.measure % 10 === 9;
  // Quantitative data points drift from the baseline towards (or away from) the target.
  const value = p.kind === "data_point" && !qualitative ? (p.measure % 2 === 0 ? 40 : 60) + (((p.measure * 7 + p.period * 3) % 21) - 6) * (p.measure % 2 === 0 ? 1 : -1) : null;
  return {
    kind: p.kind,
    category: CATEGORIES[(i * 7 + (i >> 3)) % CATEGORIES.length]!,
    measure: onMeasure ? setup.measureIds[p.measure >= 0 ? p.measure : i % setup.measureIds.length]! : null,
    commitment: onCommitment ? setup.commitmentIds[i % setup.commitmentIds.length]! : null,
    priority: !onMeasure && !onCommitment ? setup.priorityIds[i % setup.priorityIds.length]! : null,
    title: `${pending ? "Pending evidence" : "Evidence"} ${i}`,
    body: story ? `What happened to me, in my words (item ${i}).` : `Details of evidence ${i}.`,
    evidenceDate: new Date(Date.UTC(2020, 0, 1 + (i % 1800))).toISOString().slice(0, 10),
    value,
    periodStart: p.kind === "data_point" ? monthStart(p.period) : null,
    periodEnd: p.kind === "data_point" ? monthEnd(p.period) : null,
    judgement: p.kind === "data_point" && qualitative ? (["on_track", "at_risk", "off_track"] as const)[(p.measure + p.period) % 3] : null,
    consentQuote: story && i % 3 !== 0,
    // Pending stories: one in four without consent to publish, so visitors must not hear of them.
    consentPublish: story && (pending ? i % 4 !== 0 : i % 5 < 3),
    anonymised: story && i % 2 === 0,
    storageKey: p.kind === "document" ? `bench/${pending ? "pending" : "e"}-${i}-${randomBytes(3).toString("hex")}` : null,
  };
}

/** Inserts rows as one submitter in one transaction (their files first), returning the ids in order. */
async function insertEvidence(tx: Tx, strategyId: string, rows: Row[]): Promise<string[]> {
  const documents = rows.filter((r) => r.storageKey);
  const files = documents.length
    ? await tx.query<{ id: string; storage_key: string }>(
        `insert into public.evidence_files (strategy_id, storage_key, sha256, byte_size, content_type, file_name)
         select $1, k, $2, 24000, 'application/pdf', 'Evidence report.pdf' from unnest($3::text[]) k
         returning id, storage_key`,
        [strategyId, sha256("bench"), documents.map((r) => r.storageKey)],
      )
    : [];
  const fileIds = new Map(files.map((f) => [f.storage_key, f.id]));
  const column = <K extends keyof Row>(key: K) => rows.map((r) => r[key]);
  const inserted = await tx.query<{ id: string }>(
    `insert into public.evidence (strategy_id, kind, category, measure_id, commitment_id, priority_id, title, body, source,
       evidence_date, value, period_start, period_end, judgement, file_id, consent_quote, consent_publish, anonymised)
     select $1, kind, category, measure_id, commitment_id, priority_id, title, body, 'Benchmark source',
            evidence_date, value, period_start, period_end, judgement, file_id, consent_quote, consent_publish, anonymised
       from unnest($2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::date[],
                   $10::numeric[], $11::date[], $12::date[], $13::text[], $14::uuid[], $15::boolean[], $16::boolean[], $17::boolean[])
         with ordinality as x(kind, category, measure_id, commitment_id, priority_id, title, body, evidence_date,
                              value, period_start, period_end, judgement, file_id, consent_quote, consent_publish, anonymised, n)
      order by n
     returning id`,
    [
      strategyId,
      column("kind"),
      column("category"),
      column("measure"),
      column("commitment"),
      column("priority"),
      column("title"),
      column("body"),
      column("evidenceDate"),
      column("value"),
      column("periodStart"),
      column("periodEnd"),
      column("judgement"),
      rows.map((r) => (r.storageKey ? fileIds.get(r.storageKey)! : null)),
      column("consentQuote"),
      column("consentPublish"),
      column("anonymised"),
    ],
  );
  return inserted.map((r) => r.id);
}

/** Adds evidence items from..to-1, each batch by one submitter, then reviews them as the evaluator. */
async function grow(db: Database, setup: Setup, from: number, to: number) {
  for (let start = from, batch = 0; start < to; start += BATCH, batch++) {
    const end = Math.min(to, start + BATCH);
    const indexes = Array.from({ length: end - start }, (_, k) => start + k);
    const submitter = setup.submitters[(start / BATCH) % setup.submitters.length | 0]!;
    const ids = await db.asUser(claimsOf(submitter), (tx) =>
      insertEvidence(tx, setup.strategyId, indexes.map((i) => rowFor(setup, i))),
    );
    await db.asUser(claimsOf(setup.evaluator), async (tx) => {
      for (const status of ["verified", "returned", "rejected"] as const) {
        const chosen = ids.filter((_, k) => reviewOf(indexes[k]!) === status);
        if (!chosen.length) continue;
        await tx.query(`update public.evidence set status = $1, review_note = $2 where id = any($3::uuid[])`, [
          status,
          status === "verified" ? null : "Please add where the figures come from.",
          chosen,
        ]);
      }
    });
  }
}

/** Submitted items for the live run's writer to verify, spread over the submitters. */
async function pending(db: Database, setup: Setup, from: number, count: number) {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 500) {
    const indexes = Array.from({ length: Math.min(500, count - start) }, (_, k) => from + start + k);
    const submitter = setup.submitters[(start / 500) % setup.submitters.length]!;
    ids.push(...(await db.asUser(claimsOf(submitter), (tx) => insertEvidence(tx, setup.strategyId, indexes.map((i) => rowFor(setup, i, true))))));
  }
  return ids;
}

/**
 * The audit rows of the strategy after `after` that each viewer may read, as that viewer (RLS
 * decides), and a check that does not rely on RLS: which of them are about items a visitor must
 * never hear of (a story without consent to publish).
 */
async function expected(db: Database, setup: Setup, after: number) {
  const read = (claims: Claims | null) =>
    db.asUser(claims, (tx) =>
      tx.query<{ seq: string }>(`select seq from public.audit_log where strategy_id = $1 and seq > $2 order by seq`, [setup.strategyId, after]),
    );
  const members: Record<string, number[]> = {};
  for (const viewer of setup.viewers) members[viewer.id] = (await read(claimsOf(viewer))).map((r) => Number(r.seq));
  const visitor = (await read(null)).map((r) => Number(r.seq));
  const all = await db.asService("benchmark: every audit row of the window, and which items visitors may not see", (tx) =>
    tx.query<{ seq: string; private: boolean }>(
      `select a.seq, coalesce(e.kind = 'story' and not e.consent_publish, false) or coalesce(e.status <> 'verified', false) as private
         from public.audit_log a left join public.evidence e on a.entity_type = 'evidence' and e.id = a.entity_id
        where a.strategy_id = $1 and a.seq > $2 order by a.seq`,
      [setup.strategyId, after],
    ),
  );
  return { members, visitor, all: all.map((r) => Number(r.seq)), privateSeqs: all.filter((r) => r.private).map((r) => Number(r.seq)) };
}

async function counts(db: Database, strategyId: string) {
  const row = await db.asService("benchmark: count what was generated", (tx) =>
    tx.one<{ evidence: string; audit: string; maxSeq: string }>(
      `select (select count(*) from public.evidence where strategy_id = $1) as evidence,
              (select count(*) from public.audit_log) as audit,
              (select coalesce(max(seq), 0) from public.audit_log) as "maxSeq"`,
      [strategyId],
    ),
  );
  return { evidence: Number(row!.evidence), audit: Number(row!.audit), maxSeq: Number(row!.maxSeq) };
}

const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR });
await migrate(db);

process.on("message", async (request: GenerateRequest) => {
  const started = performance.now();
  try {
    switch (request.type) {
      case "setup": {
        const result = await setup(db);
        process.send!({ setup: result, seconds: (performance.now() - started) / 1000, ...(await counts(db, result.strategyId)) });
        break;
      }
      case "grow":
        await grow(db, request.setup, request.from, request.to);
        process.send!({ seconds: (performance.now() - started) / 1000, ...(await counts(db, request.setup.strategyId)) });
        break;
      case "pending": {
        const ids = await pending(db, request.setup, request.from, request.count);
        process.send!({ ids, seconds: (performance.now() - started) / 1000, ...(await counts(db, request.setup.strategyId)) });
        break;
      }
      case "expected":
        process.send!(await expected(db, request.setup, request.after));
        break;
      case "stop":
        await db.close();
        process.send!({});
        process.exit(0);
    }
  } catch (error) {
    console.error("[bench-dashboard-generate]", error);
    process.send!({ error: String(error) });
  }
});
process.send!({ ready: true });
