import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import type { Tx } from "../../app/platform/db.server";
import {
  importDataPoints,
  previewDataPointImport,
  type ImportOutcome,
  type RunInTransaction,
} from "../../app/services/data-point-import.server";
import { action as importAction, loader as importLoader } from "../../app/routes/strategies.$strategyId.measures.import";
import { action as reportAction } from "../../app/routes/strategies.$strategyId.measures.import.report[.]csv";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { addMember, createStrategy, createUser, type TestUser } from "../support/factories";

/*
 * Importing data points from a CSV file, on a real database: the preview saves nothing; the
 * import is one transaction whichever mode is chosen (every valid row, or nothing unless all
 * are); a failure part-way, or a value recorded for the same period at the same moment, leaves
 * nothing behind; and the pages and the rejected rows report, driven as a browser would.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

const as = (user: TestUser): RunInTransaction => (fn) => db.asUser(user.claims, fn);
const look = <T>(fn: (tx: Tx) => Promise<T>) => db.asOwner(fn);
const SOURCE = "Skills for Care, adult social care workforce data set";

/** A strategy with an evaluator, a worker, and three measures: a percentage, an amount in pounds and a milestone. */
async function setting() {
  const facilitator = await createUser(db, { displayName: "Fay Facilitator" });
  const evaluator = await createUser(db, { displayName: "Eve Evaluator" });
  const worker = await createUser(db, { displayName: "Will Worker" });
  const { strategyId, priorityId } = await createStrategy(db, facilitator);
  await addMember(db, facilitator, strategyId, evaluator, [{ role: "evaluator" }]);
  await addMember(db, facilitator, strategyId, worker, [{ role: "worker" }]);
  const measure = async (sql: string, name: string) =>
    (await db.asUser(evaluator.claims, (tx) => tx.one<{ id: string }>(sql, [strategyId, name])))!.id;
  const quantitative = (unit: string, direction: string, baseline: number, target: number) =>
    `insert into public.measures (strategy_id, name, kind, unit, direction, baseline_value, baseline_date, target_value,
       target_date, rag_method, tolerance)
     values ($1, $2, 'quantitative', '${unit}', '${direction}', ${baseline}, '2024-03-31', ${target}, '2028-03-31', 'trajectory', 0.5)
     returning id`;
  const vacancy = await measure(quantitative("percentage", "lower_is_better", 7.8, 5), "Vacancy rate");
  const pay = await measure(quantitative("pounds", "higher_is_better", 8.5, 12), "Average care worker pay");
  const milestone = await measure(
    "insert into public.measures (strategy_id, name, kind, rag_method) values ($1, $2, 'qualitative', 'judgement') returning id",
    "Career pathway agreed",
  );
  return { facilitator, evaluator, worker, strategyId, priorityId, vacancy, pay, milestone };
}
type Setting = Awaited<ReturnType<typeof setting>>;

/** A data point submitted by `who` for the measure and period, outside any import. */
async function recordValue(who: TestUser, s: Setting, measureId: string, periodEnd: string, value = 7.4, tx?: Tx) {
  const insert = (t: Tx) =>
    t.query(
      `insert into public.evidence (strategy_id, kind, category, measure_id, title, source, evidence_date, value, period_end)
       values ($1, 'data_point', 'outcomes', $2, 'Entered by hand', 'Local figures', $3, $4, $3)`,
      [s.strategyId, measureId, periodEnd, value],
    );
  if (tx) await insert(tx);
  else await db.asUser(who.claims, insert);
}

type StoredPoint = {
  measure_id: string;
  title: string;
  body: string;
  source: string;
  category: string;
  value: string;
  period_start: string | null;
  period_end: string;
  evidence_date: string;
  status: string;
  submitted_by: string;
  reviewed_by: string | null;
  import_batch_id: string | null;
  kind: string;
};
/** Every data point of the strategy, as stored: by when it was inserted, then by title (one import's rows share a moment). */
const storedPoints = (s: Setting) =>
  look((tx) =>
    tx.query<StoredPoint>(
      `select measure_id, title, body, source, category, value::text, to_char(period_start, 'YYYY-MM-DD') as period_start,
              to_char(period_end, 'YYYY-MM-DD') as period_end, to_char(evidence_date, 'YYYY-MM-DD') as evidence_date,
              status, submitted_by, reviewed_by, import_batch_id, kind
         from public.evidence where strategy_id = $1 order by created_at, title`,
      [s.strategyId],
    ),
  );

const csv = (...rows: string[]) => `measure,period_start,period_end,value,source,category,note\n${rows.join("\n")}\n`;

/** A file with two good rows and one of each kind of problem (rows 2 to 12). */
const mixedFile = (s: Setting) =>
  csv(
    "Vacancy rate,2025-04-01,2026-03-31,7.10,,,Year to March", // 2 good
    `${s.pay},,31/03/2026,10.25,Local pay survey,Processes,`, // 3 good, by id
    "Vacancy rate,,2025-03-31,\"7,8%\",,,", // 4 bad number
    "Vacancies,,2026-03-31,7,,,", // 5 unknown measure
    "Vacancy rate,,31.03.2024,7,,,", // 6 bad date
    "Average care worker pay,,2025-03-31,9.00,,,", // 7 duplicate of 8
    "Average care worker pay,,2025-03-31,9.10,,,", // 8 duplicate of 7
    "Vacancy rate,,2023-03-31,7.6,,,", // 9 already recorded
    "Vacancy rate,,2022-03-31,120,,,", // 10 not a percentage
    "Career pathway agreed,,2026-03-31,1,,,", // 11 qualitative
    "Vacancy rate,,2021-03-31,8.1,,Gossip,", // 12 unknown category
  );

const problemsByRow = (outcome: { rows: { record: { row: number }; problems: string[] }[] }) =>
  Object.fromEntries(outcome.rows.filter((r) => r.problems.length).map((r) => [r.record.row, r.problems]));

const expectedProblems = {
  4: ["“7,8%” is not a number: write 7.8"],
  5: ["No measure of this strategy is called “Vacancies”"],
  6: ["Period end: “31.03.2024” is not a date we can read: write it as 2026-03-31 or 31/03/2026"],
  7: ["Rows 7 and 8 both give a value for this measure for the period ending 31 March 2025: keep one"],
  8: ["Rows 7 and 8 both give a value for this measure for the period ending 31 March 2025: keep one"],
  9: ["There is already a value for the period ending 31 March 2023 (waiting to be verified)"],
  10: ["A percentage must be between 0 and 100"],
  11: ["“Career pathway agreed” is a qualitative measure: it needs a judgement, not a value, so submit its evidence on its own"],
  12: [
    "“Gossip” is not a category: use one of People's experience, Feedback from staff and leaders, Feedback from partners, Observation, Processes, Outcomes",
  ],
};

function imported(outcome: ImportOutcome) {
  if (outcome.status !== "imported") throw new Error(`Expected an import, got ${JSON.stringify(outcome).slice(0, 400)}`);
  return outcome;
}

describe("the preview", () => {
  it("checks every row against the measures and the values recorded, and saves nothing", async () => {
    const s = await setting();
    await recordValue(s.worker, s, s.vacancy, "2023-03-31");
    const before = await storedPoints(s);
    const preview = await as(s.evaluator)((tx) =>
      previewDataPointImport(tx, { strategyId: s.strategyId, csv: mixedFile(s), defaultSource: SOURCE }),
    );
    if (!preview.ok) throw new Error(preview.fileError);
    expect([preview.valid, preview.invalid]).toEqual([2, 9]);
    expect(problemsByRow(preview)).toEqual(expectedProblems);
    expect(await storedPoints(s)).toEqual(before);
  });

  it("says why a file cannot be read", async () => {
    const s = await setting();
    const preview = await as(s.evaluator)((tx) =>
      previewDataPointImport(tx, { strategyId: s.strategyId, csv: "name,value\nVacancy rate,7\n", defaultSource: SOURCE }),
    );
    expect(preview).toEqual({
      ok: false,
      fileError: "The first row must name the columns, and it has no “measure” and “period_end” columns. The columns are listed on this page",
    });
  });
});

describe("importing", () => {
  it("imports every valid row in one batch, submitted as the importer's, and gives back the rows it skipped", async () => {
    const s = await setting();
    await recordValue(s.worker, s, s.vacancy, "2023-03-31");
    const outcome = imported(
      await importDataPoints(as(s.evaluator), { strategyId: s.strategyId, csv: mixedFile(s), defaultSource: SOURCE, mode: "valid_only", verify: false }),
    );
    expect(outcome).toMatchObject({
      imported: 2,
      verified: false,
      measures: [
        { id: s.vacancy, name: "Vacancy rate", count: 1 },
        { id: s.pay, name: "Average care worker pay", count: 1 },
      ],
    });
    expect(problemsByRow({ rows: outcome.rejected })).toEqual(expectedProblems);

    const points = (await storedPoints(s)).filter((p) => p.import_batch_id !== null);
    expect(points).toEqual([
      {
        measure_id: s.pay,
        title: "Average care worker pay for the period ending 31 March 2026",
        body: "",
        source: "Local pay survey",
        category: "processes",
        value: "10.25",
        period_start: null,
        period_end: "2026-03-31",
        evidence_date: "2026-03-31",
        status: "submitted",
        submitted_by: s.evaluator.id,
        reviewed_by: null,
        import_batch_id: outcome.batchId,
        kind: "data_point",
      },
      {
        measure_id: s.vacancy,
        title: "Vacancy rate for the period ending 31 March 2026",
        body: "Year to March",
        source: SOURCE,
        category: "outcomes",
        value: "7.1",
        period_start: "2025-04-01",
        period_end: "2026-03-31",
        evidence_date: "2026-03-31",
        status: "submitted",
        submitted_by: s.evaluator.id,
        reviewed_by: null,
        import_batch_id: outcome.batchId,
        kind: "data_point",
      },
    ]);

    const history = await as(s.evaluator)((tx) =>
      tx.query<{ entity_type: string; action: string; actor_id: string }>(
        `select entity_type, action, actor_id from public.audit_log
          where entity_type = 'evidence' and details ->> 'import_batch_id' = $1 order by seq`,
        [outcome.batchId],
      ),
    );
    expect(history).toEqual([
      { entity_type: "evidence", action: "created", actor_id: s.evaluator.id },
      { entity_type: "evidence", action: "created", actor_id: s.evaluator.id },
    ]);
  });

  it("imports nothing when every row must be valid and one is not, and everything when all are", async () => {
    const s = await setting();
    const bad = csv("Vacancy rate,,2026-03-31,7.1,,,", "Vacancy rate,,2025-03-31,seven,,,");
    const refused = await importDataPoints(as(s.evaluator), { strategyId: s.strategyId, csv: bad, defaultSource: SOURCE, mode: "all_or_nothing", verify: false });
    expect(refused).toMatchObject({ status: "not_imported", reason: "rows_have_problems", preview: { valid: 1, invalid: 1 } });
    expect(await storedPoints(s)).toEqual([]);

    const good = csv("Vacancy rate,,2026-03-31,7.1,,,", "Vacancy rate,,2025-03-31,7.5,,,");
    const outcome = imported(
      await importDataPoints(as(s.evaluator), { strategyId: s.strategyId, csv: good, defaultSource: SOURCE, mode: "all_or_nothing", verify: false }),
    );
    expect(outcome.imported).toBe(2);
    expect(outcome.rejected).toEqual([]);
    expect((await storedPoints(s)).map((p) => p.period_end)).toEqual(["2025-03-31", "2026-03-31"]);
  });

  it("dates each value by the end of its period, or today for a period not over yet", async () => {
    const s = await setting();
    imported(
      await importDataPoints(as(s.evaluator), {
        strategyId: s.strategyId,
        csv: csv("Vacancy rate,,2026-03-31,7.1,,,", "Vacancy rate,2099-01-01,2099-12-31,5,,,"),
        defaultSource: SOURCE,
        mode: "all_or_nothing",
        verify: false,
      }),
    );
    const today = (await look((tx) => tx.one<{ today: string }>("select to_char(current_date, 'YYYY-MM-DD') as today")))!.today;
    expect((await storedPoints(s)).map((p) => [p.period_end, p.evidence_date]).sort()).toEqual([
      ["2026-03-31", "2026-03-31"],
      ["2099-12-31", today],
    ]);
  });

  it("imports nothing when no row is valid, and nothing from a file it cannot read", async () => {
    const s = await setting();
    const none = csv("Vacancies,,2026-03-31,7.1,,,");
    expect(
      await importDataPoints(as(s.evaluator), { strategyId: s.strategyId, csv: none, defaultSource: SOURCE, mode: "valid_only", verify: false }),
    ).toMatchObject({ status: "not_imported", reason: "no_valid_rows" });
    expect(
      await importDataPoints(as(s.evaluator), { strategyId: s.strategyId, csv: "", defaultSource: SOURCE, mode: "valid_only", verify: false }),
    ).toEqual({ status: "file_error", message: "The file is empty" });
    expect(await storedPoints(s)).toEqual([]);
  });

  it("verifies the rows as they are imported when a reviewer asks, in the same transaction, so they count towards the status", async () => {
    const s = await setting();
    const outcome = imported(
      await importDataPoints(as(s.evaluator), {
        strategyId: s.strategyId,
        csv: csv("Vacancy rate,,2026-03-31,5.5,,,", "Average care worker pay,,2026-03-31,13,,,"),
        defaultSource: SOURCE,
        mode: "valid_only",
        verify: true,
      }),
    );
    expect(outcome.verified).toBe(true);
    expect((await storedPoints(s)).map((p) => [p.status, p.reviewed_by])).toEqual([
      ["verified", s.evaluator.id],
      ["verified", s.evaluator.id],
    ]);
    const status = await as(s.evaluator)((tx) =>
      tx.one<{ status: string }>("select status from public.measure_statuses where measure_id = $1", [s.vacancy]),
    );
    expect(status!.status).not.toBe("no_data");
  });

  it("leaves nothing behind when it fails part-way: verifying refused after the rows were inserted", async () => {
    const s = await setting();
    // A worker may submit data points but not verify them: the rows go in, the verification
    // finds none it may change, and the import is undone as a whole.
    const attempt = importDataPoints(as(s.worker), {
      strategyId: s.strategyId,
      csv: csv("Vacancy rate,,2026-03-31,7.1,,,", "Vacancy rate,,2025-03-31,7.5,,,"),
      defaultSource: SOURCE,
      mode: "valid_only",
      verify: true,
    });
    await expect(attempt).rejects.toThrow("Only an evaluator or a facilitator can verify data points as they import them.");
    expect(await storedPoints(s)).toEqual([]);
    const history = await look((tx) =>
      tx.one<{ n: number }>("select count(*)::int as n from public.audit_log where entity_type = 'evidence' and strategy_id = $1", [s.strategyId]),
    );
    expect(history!.n).toBe(0);
  });

  it("checks the rows again when importing, so a value recorded since the preview is not imported twice", async () => {
    const s = await setting();
    const file = csv("Vacancy rate,,2026-03-31,7.1,,,", "Vacancy rate,,2025-03-31,7.5,,,");
    const preview = await as(s.evaluator)((tx) => previewDataPointImport(tx, { strategyId: s.strategyId, csv: file, defaultSource: SOURCE }));
    expect(preview).toMatchObject({ ok: true, valid: 2, invalid: 0 });
    await recordValue(s.worker, s, s.vacancy, "2025-03-31");

    const refused = await importDataPoints(as(s.evaluator), { strategyId: s.strategyId, csv: file, defaultSource: SOURCE, mode: "all_or_nothing", verify: false });
    expect(refused.status).toBe("not_imported");
    expect(refused.status === "not_imported" && problemsByRow(refused.preview)).toEqual({
      3: ["There is already a value for the period ending 31 March 2025 (waiting to be verified)"],
    });
    const outcome = imported(
      await importDataPoints(as(s.evaluator), { strategyId: s.strategyId, csv: file, defaultSource: SOURCE, mode: "valid_only", verify: false }),
    );
    expect([outcome.imported, outcome.rejected.map((r) => r.record.row)]).toEqual([1, [3]]);
  });

  it("rolls the whole import back when a value for one of its periods is recorded at the same moment, and shows the preview again with that row marked", async () => {
    const s = await setting();
    const file = csv("Average care worker pay,,2026-03-31,10.5,,,", "Vacancy rate,,2026-03-31,7.1,,,", "Vacancy rate,,2025-03-31,7.5,,,");
    let outcome: ImportOutcome;
    if (db.kind === "postgres") {
      // The worker's value is inserted and not yet committed; the import, on another connection,
      // waits for it at the unique index, and fails once it commits.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const pending = new Promise<void>((resolve) => (inserted = resolve));
      const workers = db.asUser(s.worker.claims, async (tx) => {
        await recordValue(s.worker, s, s.vacancy, "2025-03-31", 7.4, tx);
        inserted();
        await released;
      });
      await pending;
      const importing = importDataPoints(as(s.evaluator), { strategyId: s.strategyId, csv: file, defaultSource: SOURCE, mode: "valid_only", verify: false });
      await waitUntilBlockedOnALock();
      release();
      await workers;
      outcome = await importing;
    } else {
      // PGlite has one connection, so the moment is staged inside the import's own transaction:
      // just before the import inserts, the worker's value goes in (as the worker), and the
      // database refuses the import's row for the same period. The worker's own transaction is
      // then committed before the preview is made again, as it would have been on a server.
      let attempt = 0;
      const staged: RunInTransaction = (fn) => {
        attempt += 1;
        if (attempt > 1) return recordValue(s.worker, s, s.vacancy, "2025-03-31").then(() => as(s.evaluator)(fn));
        return db.asUser(s.evaluator.claims, (tx) => {
          let injected = false;
          const beforeInsert = async (text: string) => {
            if (injected || !/insert into public\.evidence/.test(text)) return;
            injected = true;
            await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(s.worker.claims)]);
            await recordValue(s.worker, s, s.vacancy, "2025-03-31", 7.4, tx);
            await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(s.evaluator.claims)]);
          };
          return fn({
            query: async (text, params) => (await beforeInsert(text), tx.query(text, params)),
            one: async (text, params) => (await beforeInsert(text), tx.one(text, params)),
          } as Tx);
        });
      };
      outcome = await importDataPoints(staged, { strategyId: s.strategyId, csv: file, defaultSource: SOURCE, mode: "valid_only", verify: false });
    }
    expect(outcome.status).toBe("conflict");
    if (outcome.status !== "conflict" || !outcome.preview.ok) throw new Error("Expected the preview again");
    expect(problemsByRow(outcome.preview)).toEqual({
      4: ["There is already a value for the period ending 31 March 2025 (waiting to be verified)"],
    });
    const points = await storedPoints(s);
    expect(points.map((p) => [p.submitted_by, p.period_end, p.import_batch_id])).toEqual([[s.worker.id, "2025-03-31", null]]);
  });
});

/** Waits until a connection to the test database is waiting for a lock (Postgres only). */
async function waitUntilBlockedOnALock() {
  for (;;) {
    const row = await look((tx) =>
      tx.one<{ waiting: number }>(
        "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      ),
    );
    if (row!.waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What a request by `user` would give a loader or action as its context. */
const contextFor = (user: TestUser | null) =>
  ({ platform: { db }, user: user && { id: user.id, email: user.email, name: user.email, claims: user.claims } }) as unknown as AppLoadContext;

/** An action's answer: the data and status of data(…), or the plain value with 200. */
function answer(result: unknown): { status: number; body: any } {
  if (result && typeof result === "object" && "type" in result && result.type === "DataWithResponseInit") {
    const { data, init } = result as unknown as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, body: data };
  }
  return { status: 200, body: result };
}

/** The status of a Response an action or loader threw. */
const thrownStatus = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (thrown: unknown) => (thrown instanceof Response ? thrown.status : Promise.reject(thrown)),
  );

describe("the import pages", () => {
  const pagePath = (s: Setting) => `http://hub.test/strategies/${s.strategyId}/measures/import`;
  const post = (s: Setting, user: TestUser | null, fields: [string, string | Blob, string?][]) => {
    const body = new FormData();
    for (const [name, value, filename] of fields) {
      if (typeof value === "string") body.append(name, value);
      else body.append(name, value, filename);
    }
    return importAction({
      request: new Request(pagePath(s), { method: "POST", body }),
      params: { strategyId: s.strategyId },
      context: contextFor(user),
    });
  };
  const upload = (s: Setting, user: TestUser, file: string | Uint8Array<ArrayBuffer>, source = SOURCE) =>
    post(s, user, [
      ["source", source],
      ["file", new Blob([file], { type: "text/csv" }), "extract.csv"],
      ["intent", "preview"],
    ]);

  it("are for evaluators and facilitators only", async () => {
    const s = await setting();
    const load = (user: TestUser) =>
      importLoader({ request: new Request(pagePath(s)), params: { strategyId: s.strategyId }, context: contextFor(user) });
    expect(await thrownStatus(load(s.worker))).toBe(403);
    expect(await thrownStatus(upload(s, s.worker, mixedFile(s)))).toBe(403);
    expect((await load(s.facilitator)).measures.map((m) => m.name)).toEqual(["Average care worker pay", "Vacancy rate"]);
  });

  it("preview an uploaded file, import the valid rows, and give the rejected rows back as a CSV report", async () => {
    const s = await setting();
    await recordValue(s.worker, s, s.vacancy, "2023-03-31");
    const preview = answer(await upload(s, s.evaluator, new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(mixedFile(s))])));
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ step: "preview", valid: 2, invalid: 9, source: SOURCE, notice: null });
    expect(preview.body.rows[0]).toEqual({ row: 2, measure: "Vacancy rate", period: "1 April 2025 to 31 March 2026", value: "7.1%", problems: [] });
    expect(preview.body.rows[1]).toEqual({ row: 3, measure: "Average care worker pay", period: "31 March 2026", value: "£10.25", problems: [] });
    expect(await storedPoints(s)).toHaveLength(1);

    const missingChoice = answer(await post(s, s.evaluator, [["csv", preview.body.csv], ["source", SOURCE], ["intent", "apply"]]));
    expect(missingChoice.status).toBe(400);
    expect(missingChoice.body.result.error).toEqual({
      mode: ["Choose whether to import the rows without problems, or only a file without any"],
    });

    const refused = answer(
      await post(s, s.evaluator, [["csv", preview.body.csv], ["source", SOURCE], ["mode", "all_or_nothing"], ["intent", "apply"]]),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.notice).toMatch(/^Nothing was imported, because some rows have problems/);
    expect(await storedPoints(s)).toHaveLength(1);

    const done = answer(
      await post(s, s.evaluator, [["csv", preview.body.csv], ["source", SOURCE], ["mode", "valid_only"], ["verify", "yes"], ["intent", "apply"]]),
    );
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ step: "result", summary: "2 data points imported; 9 rows rejected", verified: true });
    expect((await storedPoints(s)).filter((p) => p.import_batch_id).map((p) => p.status)).toEqual(["verified", "verified"]);

    const body = new FormData();
    body.append("rows", done.body.report);
    const response = (await reportAction({
      request: new Request(`${pagePath(s)}/report.csv`, { method: "POST", body }),
      params: { strategyId: s.strategyId },
      context: contextFor(s.evaluator),
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="rejected-rows-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith("\uFEFFrow,measure,period_start,period_end,value,source,category,note,problems\r\n")).toBe(true);
    expect(text).toContain('4,Vacancy rate,,2025-03-31,"7,8%",,,,"“7,8%” is not a number: write 7.8"\r\n');
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(10);
  });

  it("keep formula-looking text as text in the report, and refuse a report that is not one", async () => {
    const s = await setting();
    const send = (rows: string) => {
      const body = new FormData();
      body.append("rows", rows);
      return reportAction({
        request: new Request(`${pagePath(s)}/report.csv`, { method: "POST", body }),
        params: { strategyId: s.strategyId },
        context: contextFor(s.evaluator),
      });
    };
    const record = { row: 2, measure: "=cmd|' /C calc'!A0", periodStart: "", periodEnd: "2026-03-31", value: "+1", source: "@x", category: "", note: "", extraCells: 0 };
    const text = await ((await send(JSON.stringify([{ record, problems: ["-bad"] }]))) as Response).text();
    expect(text.split("\r\n")[1]).toBe(`2,'=cmd|' /C calc'!A0,,2026-03-31,'+1,'@x,,,'-bad`);
    expect(await thrownStatus(send("not json"))).toBe(400);
    expect(await thrownStatus(send(JSON.stringify([{ record: { ...record, row: "2" }, problems: [] }])))).toBe(400);
  });

  it("refuse a file that is too large, and one that is not CSV, with the reason next to the file field", async () => {
    const s = await setting();
    const tooLarge = answer(await upload(s, s.evaluator, "x".repeat(5 * 1024 * 1024)));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.result.error).toEqual({ file: ["The file is larger than 2 MB: split it into smaller files"] });
    const workbook = answer(await upload(s, s.evaluator, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])));
    expect(workbook.status).toBe(400);
    expect(workbook.body.result.error).toEqual({ file: ["The file is a workbook, not a CSV file: save it as “CSV UTF-8” and choose it again"] });
    const none = answer(await post(s, s.evaluator, [["source", SOURCE], ["file", new Blob([]), ""], ["intent", "preview"]]));
    expect(none.body.result.error).toEqual({ file: ["Choose a CSV file"] });
    expect(none.body.result.initialValue).toMatchObject({ source: SOURCE });
  });
});
