import type { AppLoadContext } from "@remix-run/node";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVIDENCE_CSV_HEADER, MEASURES_CSV_HEADER } from "../../app/domain/exports";
import { listEvidenceExportPage, listMeasureExportPage, evidenceExportCursor, measureExportCursor } from "../../app/models/exports.server";
import { loader as evidenceCsv } from "../../app/routes/strategies.$strategyId.evidence[.]csv";
import { loader as measuresCsv } from "../../app/routes/strategies.$strategyId.measures[.]csv";
import { createStrategy, createUser, type TestUser } from "../support/factories";
import { buildPublicStrategy, type PublicStrategy } from "../support/public-strategy";
import { openTestDatabase, type TestDatabase } from "../support/test-db";

/*
 * The measures and evidence CSV exports, through their routes, as the people who would download
 * them: each gets what RLS lets them see, text that a spreadsheet would run as a formula stays
 * text, and the keyset pages read every row once.
 */

let db: TestDatabase;
let s: PublicStrategy;
beforeAll(async () => {
  db = await openTestDatabase();
  s = await buildPublicStrategy(db);
});
afterAll(async () => {
  await db.dispose();
});

const contextFor = (user: TestUser | null) =>
  ({ platform: { db }, user: user && { id: user.id, email: user.email, name: user.email, claims: user.claims } }) as unknown as AppLoadContext;

type Loader = typeof measuresCsv;
const download = (loader: Loader, file: string, user: TestUser | null, strategyId = s.strategyId) =>
  loader({ request: new Request(`http://hub.test/strategies/${strategyId}/${file}`), params: { strategyId }, context: contextFor(user) });

/** The file's records (header first), after checking it is a dated, uncached UTF-8 attachment. */
async function records(response: Response, name: string): Promise<string[][]> {
  expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("Content-Disposition")).toMatch(new RegExp(`^attachment; filename="${name}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
  expect(response.headers.get("Cache-Control")).toContain("no-store");
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(new TextDecoder().decode(bytes));
}

const column = (rows: string[][], header: string[], name: string) => rows.slice(1).map((r) => r[header.indexOf(name)]);

describe("the measures CSV", () => {
  it("gives a member every data point they may see, one row each, and one row for a measure with none", async () => {
    const rows = await records(await download(measuresCsv, "measures.csv", s.people.worker), "measures");
    expect(rows[0]).toEqual(MEASURES_CSV_HEADER);
    const at = (name: string) => MEASURES_CSV_HEADER.indexOf(name);
    expect(rows.slice(1).map((r) => [r[at("Measure")], r[at("Period end")], r[at("Value or judgement")], r[at("Evidence status")]])).toEqual([
      ["A vacancy rate", "2025-03-31", "-3", "Verified"],
      ["A vacancy rate", "2026-03-31", "6.5", "Submitted — not yet verified"],
      ["B measure with no data", "", "", "No data points"],
    ]);
    expect(column(rows, MEASURES_CSV_HEADER, "Status")).toEqual(["On track", "On track", "No data yet"]);
    expect(column(rows, MEASURES_CSV_HEADER, "Baseline")).toEqual(["7.8", "7.8", "7.8"]);
  });

  it("gives a visitor of a public strategy verified data points only", async () => {
    const rows = await records(await download(measuresCsv, "measures.csv", null), "measures");
    expect(column(rows, MEASURES_CSV_HEADER, "Period end")).toEqual(["2025-03-31", ""]);
  });

  it("keeps text a spreadsheet would run as a formula as text, and leaves numbers alone", async () => {
    const rows = await records(await download(measuresCsv, "measures.csv", null), "measures");
    expect(column(rows, MEASURES_CSV_HEADER, "Source")[0]).toBe("'@SUM(A1) workforce data");
    expect(column(rows, MEASURES_CSV_HEADER, "Value or judgement")[0]).toBe("-3");
  });

  it("is a 404 for anyone who may not read the strategy", async () => {
    const owner = await createUser(db);
    const secret = await createStrategy(db, owner);
    for (const who of [null, s.people.outsider]) {
      const refusal = await download(measuresCsv, "measures.csv", who, secret.strategyId).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect((refusal as Response).status).toBe(404);
    }
  });
});

describe("the evidence CSV", () => {
  it("gives a reviewer every item, newest first, with its metadata and never what it says", async () => {
    const response = await download(evidenceCsv, "evidence.csv", s.people.evaluator);
    const rows = await records(response, "evidence");
    expect(rows[0]).toEqual(EVIDENCE_CSV_HEADER);
    expect(rows).toHaveLength(1 + 7);
    expect(column(rows, EVIDENCE_CSV_HEADER, "Title").slice(0, 2)).toEqual(["Shifts by text", "A visit that felt unhurried"]);
    const whole = JSON.stringify(rows);
    expect(whole).not.toContain("Pay came up first.");
    expect(whole).not.toContain("cup of tea");
    const document = rows.find((r) => r[0] === "Board minutes")!;
    expect(document[EVIDENCE_CSV_HEADER.indexOf("File name")]).toBe("minutes.pdf");
    expect(document[EVIDENCE_CSV_HEADER.indexOf("File size (bytes)")]).toBe("2048");
    expect(document[EVIDENCE_CSV_HEADER.indexOf("Status")]).toBe("Returned for more information");
    // A reviewer is told who told an anonymised story.
    const story = rows.find((r) => r[0] === "A visit that felt unhurried")!;
    expect(story[EVIDENCE_CSV_HEADER.indexOf("Submitted by")]).toBe("Tess Teller");
    expect(story.slice(EVIDENCE_CSV_HEADER.indexOf("May be quoted"), EVIDENCE_CSV_HEADER.indexOf("Anonymised") + 1)).toEqual(["Yes", "Yes", "Yes"]);
    expect(story[EVIDENCE_CSV_HEADER.indexOf("Priority")]).toBe("1");
    expect(story[EVIDENCE_CSV_HEADER.indexOf("Measure, commitment or priority")]).toBe("A priority");
  });

  it("names the teller of an anonymised story only to reviewers and the teller", async () => {
    const submitters = async (who: TestUser) => {
      const rows = await records(await download(evidenceCsv, "evidence.csv", who), "evidence");
      return rows.find((r) => r[0] === "A visit that felt unhurried")![EVIDENCE_CSV_HEADER.indexOf("Submitted by")];
    };
    expect(await submitters(s.people.teller)).toBe("Tess Teller");
    expect(await submitters(s.people.worker)).toBe("Anonymised");
  });

  it("gives a member submitted and verified items, and a visitor verified items with consent only", async () => {
    const titles = async (who: TestUser | null) =>
      column(await records(await download(evidenceCsv, "evidence.csv", who), "evidence"), EVIDENCE_CSV_HEADER, "Title").sort();
    expect(await titles(s.people.signatory)).toEqual(
      [
        "'=HYPERLINK(\"http://evil.test\") what the forum said",
        "A visit that felt unhurried",
        "Feedback still waiting for review",
        "Shifts by text",
        "Vacancy rate, 2024 to 2025",
        "Vacancy rate, 2025 to 2026",
      ].sort(),
    );
    expect(await titles(null)).toEqual(
      ["'=HYPERLINK(\"http://evil.test\") what the forum said", "A visit that felt unhurried", "Vacancy rate, 2024 to 2025"].sort(),
    );
  });
});

describe("the keyset pages", () => {
  it("read every row exactly once, however small the page", async () => {
    const measures = await db.asUser(s.people.evaluator.claims, async (tx) => {
      const all = [];
      for (let after = null, page = await listMeasureExportPage(tx, s.strategyId, null, 1); page.length; ) {
        all.push(...page);
        after = measureExportCursor(page[page.length - 1]);
        page = await listMeasureExportPage(tx, s.strategyId, after, 1);
      }
      return all.map((r) => `${r.name} ${r.periodEnd}`);
    });
    expect(measures).toEqual(["A vacancy rate 2025-03-31", "A vacancy rate 2026-03-31", "B measure with no data null"]);
    const evidence = await db.asUser(s.people.evaluator.claims, async (tx) => {
      const all: string[] = [];
      for (let page = await listEvidenceExportPage(tx, s.strategyId, null, 2); page.length; ) {
        all.push(...page.map((r) => r.id));
        page = await listEvidenceExportPage(tx, s.strategyId, evidenceExportCursor(page[page.length - 1]), 2);
      }
      return all;
    });
    expect([...evidence].sort()).toEqual(Object.values(s.evidence).sort());
  });
});
