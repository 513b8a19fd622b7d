import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claims, Tx } from "../../app/platform/db.server";
import { loadDashboard } from "../../app/models/dashboard.server";
import { evidenceCategoryCounts, listStrategyEvidence } from "../../app/models/evidence.server";
import type { CategoryCount } from "../../app/domain/evidence";
import { listDataPoints, listMeasures, listMeasuresForPriority } from "../../app/models/measures.server";
import { listSignOffMatrixRows } from "../../app/models/sign-off-matrix.server";
import { listStatementsForPriority } from "../../app/models/statements.server";
import { EVIDENCE_CATEGORIES } from "../../app/domain/evidence";
import { addMember, createStrategy, createUser, type TestUser } from "../support/factories";
import { openTestDatabase, type TestDatabase } from "../support/test-db";

/*
 * The dashboard's aggregations against a straightforward recomputation, on generated data: random
 * evidence across kinds, categories, targets and consent, then random reviews (verify, return,
 * reject) and answers to returns that move an item to another category, target or consent. Each
 * reader (a worker who submitted much of it, a reviewer, a visitor of the public strategy) must
 * get from the tallies exactly what counting public.evidence under their own RLS gives them.
 */

let db: TestDatabase;
let facilitator: TestUser;
let evaluator: TestUser;
let worker: TestUser;
let observer: TestUser;
let strategyId: string;
/** Priority 1 with the factory's commitment (employers) and a second commitment for regulators. */
let priority1: string;
let employersCommitment: string;
let regulatorsCommitment: string;
let priority2: string;
/** Linked to priority 1 directly and through the employers' commitment: two paths, counted once. */
let twoPathMeasure: string;
/** Linked to the regulators' commitment. */
let regulatorsMeasure: string;
/** Linked to priority 2 only. */
let priority2Measure: string;

const as = <T>(who: TestUser | null, fn: (tx: Tx) => Promise<T>) => db.asUser(who ? who.claims : (null as Claims | null), fn);

/** A small seeded generator, so a failing run can be repeated exactly. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

async function newMeasure(name: string, links: { priorityId?: string; commitmentId?: string }[]): Promise<string> {
  return as(facilitator, async (tx) => {
    const row = await tx.one<{ id: string }>(
      `insert into public.measures (strategy_id, name, kind, unit, direction, baseline_value, baseline_date, target_value,
         target_date, rag_method, tolerance)
       values ($1, $2, 'quantitative', 'percentage', 'lower_is_better', 8, '2024-03-31', 5, '2030-03-31', 'trajectory', 0.5)
       returning id`,
      [strategyId, name],
    );
    for (const link of links) {
      await tx.query("insert into public.measure_links (strategy_id, measure_id, priority_id, commitment_id) values ($1, $2, $3, $4)", [
        strategyId,
        row!.id,
        link.priorityId ?? null,
        link.commitmentId ?? null,
      ]);
    }
    return row!.id;
  });
}

type Target = { measure_id?: string; commitment_id?: string; priority_id?: string };

async function submit(by: TestUser, fields: Record<string, unknown>): Promise<string> {
  const values: Record<string, unknown> = {
    strategy_id: strategyId,
    title: "Generated evidence",
    source: "Generated for the dashboard test",
    evidence_date: "2026-03-31",
    ...fields,
  };
  const names = Object.keys(values);
  const row = await as(by, (tx) =>
    tx.one<{ id: string }>(
      `insert into public.evidence (${names.join(", ")}) values (${names.map((_, i) => `$${i + 1}`).join(", ")}) returning id`,
      Object.values(values),
    ),
  );
  return row!.id;
}

const targetColumns = (t: Target) => ({
  measure_id: t.measure_id ?? null,
  commitment_id: t.commitment_id ?? null,
  priority_id: t.priority_id ?? null,
});

/** What every tally row should say, counted straight from public.evidence past RLS. */
const recount = () =>
  db.asOwner((tx) =>
    tx.query(
      `select strategy_id, measure_id, commitment_id, priority_id, category, status, kind <> 'story' or consent_publish as publishable,
              count(*)::int as n
         from public.evidence where status in ('submitted', 'verified')
        group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7`,
    ),
  );
const tallies = () =>
  db.asOwner((tx) =>
    tx.query(
      `select strategy_id, measure_id, commitment_id, priority_id, category, status, publishable, n
         from public.evidence_tallies where n > 0 order by 1, 2, 3, 4, 5, 6, 7`,
    ),
  );

/**
 * The straightforward recomputation: a priority's evidence counted row by row from
 * public.evidence, under the reader's own RLS (the query the priority's page ran before tallies).
 */
const countedDirectly = (tx: Tx, priorityId: string) =>
  tx.query<CategoryCount>(
    `select e.category,
            (count(*) filter (where e.status = 'verified'))::int as verified,
            (count(*) filter (where e.status = 'submitted'))::int as unverified
       from public.evidence e
      where e.status in ('verified', 'submitted')
        and (e.priority_id = $1
          or e.commitment_id in (select c.id from public.commitments c where c.priority_id = $1)
          or e.measure_id in (
            select l.measure_id from public.measure_links l
             where l.priority_id = $1
                or l.commitment_id in (select c.id from public.commitments c where c.priority_id = $1)))
      group by e.category`,
    [priorityId],
  );

const byCategory = <T extends { category: string }>(rows: T[]) => [...rows].sort((a, b) => a.category.localeCompare(b.category));

beforeAll(async () => {
  db = await openTestDatabase();
  [facilitator, evaluator, worker, observer] = await Promise.all(
    ["Fay Facilitator", "Eve Evaluator", "Will Worker", "Olu Observer"].map((displayName) => createUser(db, { displayName })),
  );
  const created = await createStrategy(db, facilitator, { visibility: "public" });
  strategyId = created.strategyId;
  priority1 = created.priorityId;
  employersCommitment = created.commitmentId;
  await addMember(db, facilitator, strategyId, evaluator, [{ role: "evaluator" }]);
  await addMember(db, facilitator, strategyId, worker, [{ role: "worker" }]);
  await addMember(db, facilitator, strategyId, observer, [{ role: "observer" }]);
  await as(facilitator, async (tx) => {
    const c = await tx.one<{ id: string }>(
      `insert into public.commitments (strategy_id, priority_id, position, text, responsible_parties)
       values ($1, $2, 2, 'Regulators will look at pay in every inspection.', '{regulators,employers}') returning id`,
      [strategyId, priority1],
    );
    regulatorsCommitment = c!.id;
    const p = await tx.one<{ id: string }>(
      "insert into public.priorities (strategy_id, position, title, summary) values ($1, 2, 'A second priority', 'Why') returning id",
      [strategyId],
    );
    priority2 = p!.id;
  });
  twoPathMeasure = await newMeasure("Vacancy rate", [{ priorityId: priority1 }, { commitmentId: employersCommitment }]);
  regulatorsMeasure = await newMeasure("Inspections that look at pay", [{ commitmentId: regulatorsCommitment }]);
  priority2Measure = await newMeasure("Turnover", [{ priorityId: priority2 }]);

  const random = generator(20261129);
  const targets: Target[] = [
    { priority_id: priority1 },
    { commitment_id: employersCommitment },
    { commitment_id: regulatorsCommitment },
    { measure_id: twoPathMeasure },
    { measure_id: regulatorsMeasure },
    { measure_id: priority2Measure },
    { priority_id: priority2 },
  ];
  const submitters = [worker, evaluator, observer];
  const items: { id: string; by: TestUser }[] = [];
  for (let i = 0; i < 120; i++) {
    const by = random.pick(submitters);
    const story = random.next() < 0.4;
    const id = await submit(by, {
      kind: story ? "story" : "feedback",
      category: random.pick(EVIDENCE_CATEGORIES),
      ...targetColumns(random.pick(targets)),
      consent_publish: story && random.next() < 0.5,
    });
    items.push({ id, by });
  }
  // A few data points per measure, one per quarter, so the trend has more than it shows.
  for (const measureId of [twoPathMeasure, regulatorsMeasure, priority2Measure]) {
    for (let q = 0; q < 15; q++) {
      const month = String(((q % 4) + 1) * 3).padStart(2, "0");
      const day = month === "06" || month === "09" ? "30" : "31";
      const id = await submit(worker, {
        kind: "data_point",
        category: "outcomes",
        measure_id: measureId,
        value: 8 - q * 0.1,
        period_end: `${2024 + Math.floor(q / 4)}-${month}-${day}`,
      });
      items.push({ id, by: worker });
    }
  }
  // Reviews, then answers to returns that change what the evidence is about, then more reviews.
  for (const round of [0, 1]) {
    for (const item of items) {
      const roll = random.next();
      if (roll < 0.55) {
        await as(evaluator, (tx) => tx.query("update public.evidence set status = 'verified' where id = $1 and status = 'submitted'", [item.id]));
      } else if (roll < 0.75) {
        await as(evaluator, (tx) =>
          tx.query("update public.evidence set status = 'returned', review_note = 'Say more, please' where id = $1 and status = 'submitted'", [
            item.id,
          ]),
        );
      } else if (roll < 0.85) {
        await as(evaluator, (tx) =>
          tx.query("update public.evidence set status = 'rejected', review_note = 'Not about this' where id = $1 and status = 'submitted'", [
            item.id,
          ]),
        );
      }
    }
    if (round === 0) {
      for (const item of items) {
        const target = random.pick(targets.filter((t) => !t.measure_id));
        await as(item.by, (tx) =>
          tx.query(
            `update public.evidence
                set status = 'submitted', category = $2,
                    commitment_id = case when measure_id is null then $3::uuid end,
                    priority_id = case when measure_id is null then $4::uuid end,
                    consent_publish = kind = 'story' and not consent_publish
              where id = $1 and status = 'returned'`,
            [item.id, random.pick(EVIDENCE_CATEGORIES), target.commitment_id ?? null, target.priority_id ?? null],
          ),
        );
      }
    }
  }
});

afterAll(async () => {
  await db.dispose();
});

describe("evidence tallies", () => {
  it("say exactly what counting the evidence says, after submissions, reviews and answered returns", async () => {
    const counted = await recount();
    expect(counted.length).toBeGreaterThan(10);
    expect(await tallies()).toEqual(counted);
  });

  it("follow a deletion (a measure removed with its evidence)", async () => {
    await db.asService("test: remove a measure and its evidence, as only the service role can", async (tx) => {
      const id = await tx.one<{ id: string }>(
        `insert into public.measures (strategy_id, name, kind, rag_method) values ($1, 'A milestone to remove', 'qualitative', 'judgement') returning id`,
        [strategyId],
      );
      await tx.query(
        `insert into public.evidence (strategy_id, kind, category, measure_id, title, source, evidence_date, submitted_by)
         values ($1, 'feedback', 'processes', $2, 'Soon gone', 'A test', '2026-03-31', $3)`,
        [strategyId, id!.id, worker.id],
      );
      await tx.query("delete from public.measures where id = $1", [id!.id]);
    });
    expect(await tallies()).toEqual(await recount());
  });

  it("cannot be written by any client", async () => {
    for (const who of [facilitator, evaluator, null]) {
      await expect(
        as(who, (tx) => tx.query("update public.evidence_tallies set n = n + 100 where strategy_id = $1", [strategyId])),
      ).rejects.toThrow();
    }
  });
});

describe("the dashboard", () => {
  const readers = () =>
    [
      ["a worker who submitted evidence", worker],
      ["a reviewer", evaluator],
      ["an observer", observer],
      ["a visitor", null],
    ] as const;

  it("counts each priority's evidence by category as counting the evidence row by row does, for every kind of reader", async () => {
    for (const [, who] of readers()) {
      const dashboard = await as(who, (tx) => loadDashboard(tx, strategyId, {}));
      for (const priority of dashboard.priorities) {
        const direct = await as(who, (tx) => countedDirectly(tx, priority.id));
        expect(direct.length).toBeGreaterThan(0);
        expect(byCategory(priority.triangulation)).toEqual(byCategory(direct));
        // The priority's own page reads the same tallies.
        expect(byCategory(await as(who, (tx) => evidenceCategoryCounts(tx, priority.id)))).toEqual(byCategory(direct));
      }
    }
  });

  it("gives a visitor fewer items than a member: nothing unverified, no story without consent to publish", async () => {
    const member = await as(worker, (tx) => loadDashboard(tx, strategyId, {}));
    const visitor = await as(null, (tx) => loadDashboard(tx, strategyId, {}));
    const sum = (d: typeof member) =>
      d.priorities.flatMap((p) => p.triangulation).reduce((n, c) => n + c.verified + c.unverified, 0);
    expect(sum(visitor)).toBeLessThan(sum(member));
    expect(visitor.priorities.flatMap((p) => p.triangulation).every((c) => c.unverified === 0)).toBe(true);
  });

  it("shows each priority's measures once with their status, counted as the priority's page lists them", async () => {
    for (const [, who] of readers()) {
      const dashboard = await as(who, (tx) => loadDashboard(tx, strategyId, {}));
      for (const priority of dashboard.priorities) {
        const listed = await as(who, (tx) => listMeasuresForPriority(tx, priority.id));
        expect(priority.measures.map((m) => m.id).sort()).toEqual(listed.map((m) => m.id).sort());
        const counts = { on_track: 0, at_risk: 0, off_track: 0, no_data: 0 };
        for (const m of listed) counts[m.rag.status] += 1;
        expect(priority.measureCounts).toEqual(counts);
        for (const m of priority.measures) expect(m.rag).toEqual(listed.find((l) => l.id === m.id)!.rag);
      }
    }
  });

  it("draws each measure's trend from its last twelve verified values, oldest first, as each reader sees them", async () => {
    for (const [, who] of readers()) {
      const dashboard = await as(who, (tx) => loadDashboard(tx, strategyId, {}));
      for (const measure of dashboard.priorities.flatMap((p) => p.measures)) {
        const verified = (await as(who, (tx) => listDataPoints(tx, measure.id))).filter((p) => p.verified);
        expect(verified.length).toBeGreaterThan(0);
        expect(measure.points.map((p) => p.id)).toEqual(verified.slice(-12).map((p) => p.id));
        expect(measure.points.length).toBeLessThanOrEqual(12);
      }
    }
  });

  it("gives the trend's values (read past the evidence policy, checked once) to nobody who may not read the strategy", async () => {
    const { strategyId: privateId } = await createStrategy(db, facilitator);
    const [measureId] = await as(facilitator, async (tx) => {
      const row = await tx.one<{ id: string }>(
        `insert into public.measures (strategy_id, name, kind, rag_method) values ($1, 'A private milestone', 'qualitative', 'judgement') returning id`,
        [privateId],
      );
      return [row!.id];
    });
    await as(facilitator, async (tx) => {
      const row = await tx.one<{ id: string }>(
        `insert into public.evidence (strategy_id, kind, category, measure_id, title, source, evidence_date, judgement, period_end)
         values ($1, 'data_point', 'outcomes', $2, 'Milestone reached', 'Board', '2026-03-31', 'on_track', '2026-03-31') returning id`,
        [privateId, measureId],
      );
      await tx.query("update public.evidence set status = 'verified' where id = $1", [row!.id]);
    });
    const trend = (who: TestUser | null) => as(who, (tx) => tx.query("select id from app.dashboard_trend_points($1, 12)", [privateId]));
    expect(await trend(facilitator)).toHaveLength(1);
    expect(await trend(worker)).toHaveLength(0);
    expect(await trend(null)).toHaveLength(0);
  });

  it("counts commitments as the sign-off matrix's filters find them", async () => {
    const dashboard = await as(facilitator, (tx) => loadDashboard(tx, strategyId, {}));
    for (const priority of dashboard.priorities) {
      const rows = await as(facilitator, (tx) => listSignOffMatrixRows(tx, strategyId, { priority: priority.id }));
      const waiting = await as(facilitator, (tx) => listSignOffMatrixRows(tx, strategyId, { priority: priority.id, state: "waiting" }));
      const objected = await as(facilitator, (tx) => listSignOffMatrixRows(tx, strategyId, { priority: priority.id, state: "objected" }));
      expect(priority.commitments).toEqual({
        total: rows.length,
        agreed: rows.filter((r) => r.agreed).length,
        waiting: waiting.length,
        objected: objected.length,
      });
    }
  });

  it("counts each priority's statements, and how many are agreed", async () => {
    const statementId = await as(facilitator, async (tx) => {
      const row = await tx.one<{ id: string }>(
        "insert into public.statements (strategy_id, kind, title, theme, created_by) values ($1, 'i', 'I am paid fairly for my work', 'workforce', $2) returning id",
        [strategyId, facilitator.id],
      );
      await tx.query(
        "insert into public.statement_links (strategy_id, statement_id, target_kind, priority_id, created_by) values ($1, $2, 'priority', $3, $4)",
        [strategyId, row!.id, priority2, facilitator.id],
      );
      return row!.id;
    });
    const dashboard = await as(worker, (tx) => loadDashboard(tx, strategyId, {}));
    const second = dashboard.priorities.find((p) => p.id === priority2)!;
    const listed = await as(worker, (tx) => listStatementsForPriority(tx, priority2));
    expect(listed.map((s) => s.id)).toContain(statementId);
    expect(second.statements).toEqual({ total: listed.length, agreed: listed.filter((s) => s.status === "agreed" || s.status === "published").length });
    expect(second.balance.map((b) => b.roleGroup)).toEqual(["lived_experience", "worker", "partner", "other"]);
  });

  it("narrows to a responsible party: only priorities, commitments and measures that name it", async () => {
    const all = await as(worker, (tx) => loadDashboard(tx, strategyId, {}));
    const regulators = await as(worker, (tx) => loadDashboard(tx, strategyId, { party: "regulators" }));
    expect(all.priorities.map((p) => p.id)).toEqual([priority1, priority2]);
    expect(regulators.filter).toEqual({ party: "regulators" });
    expect(regulators.priorities.map((p) => p.id)).toEqual([priority1]);
    const [first] = regulators.priorities;
    expect(first!.commitments.total).toBe(1);
    expect(first!.measures.map((m) => m.id)).toEqual([regulatorsMeasure]);
    expect(Object.values(first!.measureCounts).reduce((a, b) => a + b, 0)).toBe(1);
    const employers = await as(worker, (tx) => loadDashboard(tx, strategyId, { party: "employers" }));
    expect(employers.priorities[0]!.commitments.total).toBe(2);
    expect(employers.priorities[0]!.measures.map((m) => m.id).sort()).toEqual([twoPathMeasure, regulatorsMeasure].sort());
  });

  it("leads from each number to lists holding exactly the items it counts (the drill-down)", async () => {
    for (const [, who] of readers()) {
      for (const party of [undefined, "regulators", "employers"] as const) {
        const dashboard = await as(who, (tx) => loadDashboard(tx, strategyId, { party }));
        for (const priority of dashboard.priorities) {
          for (const [status, count] of Object.entries(priority.measureCounts)) {
            const listed = await as(who, (tx) =>
              listMeasures(tx, strategyId, { priorityId: priority.id, status: status as "on_track", party: party ?? null }),
            );
            expect(listed.length, `${status} measures of a priority${party ? ` for ${party}` : ""}`).toBe(count);
          }
          if (party) continue;
          for (const row of priority.triangulation) {
            for (const [status, count] of [["verified", row.verified], ["submitted", row.unverified]] as const) {
              const { items } = await as(who, (tx) =>
                listStrategyEvidence(tx, strategyId, { priorityId: priority.id, category: row.category, status, limit: 1000 }),
              );
              expect(items.length, `${status} ${row.category} evidence of a priority`).toBe(count);
            }
          }
        }
      }
    }
  });

  it("shows a strategy only to those who may read it", async () => {
    const { strategyId: privateId } = await createStrategy(db, facilitator);
    const outsider = await as(worker, (tx) => loadDashboard(tx, privateId, {}));
    expect(outsider.priorities).toEqual([]);
  });
});
