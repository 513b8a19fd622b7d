import { describe, expect, it } from "vitest";
import {
  checkImportRows,
  describeCheckedRow,
  rejectedRowsReport,
  importPreviewSummary,
  importResultSummary,
  parseImportCategory,
  parseImportDate,
  parseImportNumber,
  rejectedRowRecord,
  REJECTED_ROWS_HEADER,
  type ImportableMeasure,
  type ImportRecord,
} from "./data-point-import";

const vacancy: ImportableMeasure = {
  id: "0b5c3f3e-1d2a-4c55-9a57-1f6f0f5e9a01",
  name: "Vacancy rate",
  kind: "quantitative",
  unit: "percentage",
  archived: false,
};
const pay: ImportableMeasure = { id: "0b5c3f3e-1d2a-4c55-9a57-1f6f0f5e9a02", name: "Average care worker pay", kind: "quantitative", unit: "pounds", archived: false };
const milestone: ImportableMeasure = { id: "0b5c3f3e-1d2a-4c55-9a57-1f6f0f5e9a03", name: "Career pathway agreed", kind: "qualitative", unit: null, archived: false };
const old: ImportableMeasure = { id: "0b5c3f3e-1d2a-4c55-9a57-1f6f0f5e9a04", name: "Old measure", kind: "quantitative", unit: "count", archived: true };
const measures = [vacancy, pay, milestone, old];

let nextRow = 2;
/** A row of the file; each has a period of its own unless the test gives one. */
const record = (cells: Partial<ImportRecord>): ImportRecord => ({
  row: nextRow,
  measure: "Vacancy rate",
  periodStart: "",
  periodEnd: new Date(Date.UTC(2020, 0, nextRow++)).toISOString().slice(0, 10),
  value: "7.1",
  source: "",
  category: "",
  note: "",
  extraCells: 0,
  ...cells,
});

const check = (records: ImportRecord[], recorded: { measureId: string; periodEnd: string; status: "submitted" | "verified" }[] = []) =>
  checkImportRows(records, { measures, recorded, defaultSource: "Skills for Care, adult social care workforce data set" });

describe("reading a value", () => {
  it("reads a value as the evidence form does: plain, with a percent or pound sign, or with thousands separated", () => {
    expect(parseImportNumber("7.8")).toEqual({ ok: true, value: "7.8" });
    expect(parseImportNumber(" 7.10 ")).toEqual({ ok: true, value: "7.1" });
    expect(parseImportNumber("7.8%")).toEqual({ ok: true, value: "7.8" });
    expect(parseImportNumber("£8.50")).toEqual({ ok: true, value: "8.5" });
    expect(parseImportNumber("112,000")).toEqual({ ok: true, value: "112000" });
    expect(parseImportNumber("-3")).toEqual({ ok: true, value: "-3" });
  });

  it("refuses a decimal comma and other near misses, saying what to write instead", () => {
    expect(parseImportNumber("7,8%")).toEqual({ ok: false, message: "“7,8%” is not a number: write 7.8" });
    expect(parseImportNumber("7,85")).toEqual({ ok: false, message: "“7,85” is not a number: write 7.85" });
    expect(parseImportNumber("+0.50")).toEqual({ ok: false, message: "“+0.50” is not a number: write 0.50" });
    expect(parseImportNumber(".5")).toEqual({ ok: false, message: "“.5” is not a number: write 0.5" });
    expect(parseImportNumber("1 200")).toEqual({ ok: false, message: "“1 200” is not a number: write 1200" });
  });

  it("refuses words and exponents without guessing, and an empty cell", () => {
    expect(parseImportNumber("seven")).toEqual({ ok: false, message: "“seven” is not a number" });
    expect(parseImportNumber("1e3")).toEqual({ ok: false, message: "“1e3” is not a number" });
    expect(parseImportNumber("")).toEqual({ ok: false, message: "There is no value" });
  });
});

describe("reading a date", () => {
  it("reads 2026-03-31 and 31/03/2026, and 1/4/2026 with one-digit day and month", () => {
    expect(parseImportDate("2026-03-31")).toEqual({ ok: true, value: "2026-03-31" });
    expect(parseImportDate("31/03/2026")).toEqual({ ok: true, value: "2026-03-31" });
    expect(parseImportDate("1/4/2026")).toEqual({ ok: true, value: "2026-04-01" });
  });

  it("refuses dates that do not exist, a month-first date with a hint, and any other way of writing one", () => {
    expect(parseImportDate("2026-02-30")).toEqual({ ok: false, message: "“2026-02-30” is not a real date" });
    expect(parseImportDate("29/02/2025")).toEqual({ ok: false, message: "“29/02/2025” is not a real date" });
    expect(parseImportDate("03/31/2026")).toEqual({
      ok: false,
      message: "“03/31/2026” is not a real date: write the day first, as in 31/03/2026",
    });
    for (const text of ["2026/03/31", "31-03-2026", "March 2026", "31/03/26", "2026-3-31"]) {
      expect(parseImportDate(text)).toEqual({
        ok: false,
        message: `“${text}” is not a date we can read: write it as 2026-03-31 or 31/03/2026`,
      });
    }
  });
});

describe("reading a category", () => {
  it("takes the label or the code in any case, with either apostrophe, and outcomes when empty", () => {
    expect(parseImportCategory("")).toEqual({ ok: true, value: "outcomes" });
    expect(parseImportCategory("People’s experience")).toEqual({ ok: true, value: "peoples_experience" });
    expect(parseImportCategory("people's EXPERIENCE")).toEqual({ ok: true, value: "peoples_experience" });
    expect(parseImportCategory("staff_leader_feedback")).toEqual({ ok: true, value: "staff_leader_feedback" });
  });

  it("names the six categories when it cannot read one", () => {
    expect(parseImportCategory("Vibes")).toEqual({
      ok: false,
      message:
        "“Vibes” is not a category: use one of People's experience, Feedback from staff and leaders, Feedback from partners, Observation, Processes, Outcomes",
    });
  });
});

describe("checking the rows of a file", () => {
  it("turns a good row into a data point with the file's source and the outcomes category", () => {
    const [row] = check([record({ measure: " vacancy RATE ", periodStart: "01/01/2026", periodEnd: "31/03/2026", value: "7.1" })]);
    expect(row.problems).toEqual([]);
    expect(row.measure).toEqual({ id: vacancy.id, name: "Vacancy rate", unit: "percentage" });
    expect(row.dataPoint).toEqual({
      measureId: vacancy.id,
      measureName: "Vacancy rate",
      periodStart: "2026-01-01",
      periodEnd: "2026-03-31",
      value: "7.1",
      source: "Skills for Care, adult social care workforce data set",
      category: "outcomes",
      note: "",
    });
  });

  it("finds a measure by its id, and keeps a row's own source, category and note", () => {
    const [row] = check([record({ measure: pay.id.toUpperCase(), value: "10.25", source: "Local pay survey", category: "Processes", note: "Median" })]);
    expect(row.problems).toEqual([]);
    expect(row.dataPoint).toMatchObject({ measureId: pay.id, value: "10.25", source: "Local pay survey", category: "processes", note: "Median" });
  });

  it("says what is wrong with each row in words, every problem of the row", () => {
    const rows = check(
      [
        record({ measure: "Vacancies" }),
        record({ value: "7,8%" }),
        record({ periodEnd: "31.03.2026" }),
        record({ periodEnd: "" }),
        record({ periodStart: "2026-04-01", periodEnd: "2026-03-31" }),
        record({ value: "140" }),
        record({ measure: "Career pathway agreed", value: "1" }),
        record({ measure: "Old measure", value: "4" }),
        record({ category: "Gossip", value: "seven" }),
        record({ measure: "6f1c7c0e-0000-4000-8000-000000000000" }),
        record({ measure: "" }),
        record({ value: "7", extraCells: 1 }),
      ],
      [],
    );
    expect(rows.map((r) => r.problems)).toEqual([
      ["No measure of this strategy is called “Vacancies”"],
      ["“7,8%” is not a number: write 7.8"],
      ["Period end: “31.03.2026” is not a date we can read: write it as 2026-03-31 or 31/03/2026"],
      ["There is no period end: give the last day the value covers"],
      ["The period starts (1 April 2026) after it ends (31 March 2026)"],
      ["A percentage must be between 0 and 100"],
      ["“Career pathway agreed” is a qualitative measure: it needs a judgement, not a value, so submit its evidence on its own"],
      ["“Old measure” is archived: restore it before importing values for it"],
      [
        "“seven” is not a number",
        "“Gossip” is not a category: use one of People's experience, Feedback from staff and leaders, Feedback from partners, Observation, Processes, Outcomes",
      ],
      ["No measure of this strategy has the id “6f1c7c0e-0000-4000-8000-000000000000”"],
      ["There is no measure: give the measure’s name or id"],
      ["The row has more cells than there are columns: a value with a comma in it must be in quotation marks"],
    ]);
    expect(rows.every((r) => r.dataPoint === null)).toBe(true);
  });

  it("asks for a source when neither the row nor the file gives one", () => {
    const [row] = checkImportRows([record({})], { measures, recorded: [], defaultSource: "  " });
    expect(row.problems).toEqual(["There is no source: fill in the source column, or give a source for the whole file"]);
  });

  it("refuses every row of a period given twice in the file, naming the rows, and leaves the others", () => {
    const first = record({ periodEnd: "2026-03-31", value: "7.1" });
    const other = record({ periodEnd: "2025-03-31", value: "7.5" });
    const second = record({ periodEnd: "31/03/2026", value: "7.2" });
    const third = record({ periodEnd: "2026-03-31", value: "bad" });
    const rows = check([first, other, second, third]);
    const clash = `${"Rows"} ${first.row}, ${second.row} and ${third.row} all give a value for this measure for the period ending 31 March 2026: keep one`;
    expect(rows[0].problems).toEqual([clash]);
    expect(rows[1].problems).toEqual([]);
    expect(rows[2].problems).toEqual([clash]);
    expect(rows[3].problems).toEqual(["“bad” is not a number", clash]);

    const pay2026 = { measure: "Average care worker pay", periodEnd: "2026-03-31" };
    const pair = check([record({ ...pay2026, value: "9" }), record({ ...pay2026, value: "9.5" })]);
    expect(pair[0].problems[0]).toMatch(/^Rows \d+ and \d+ both give a value for this measure for the period ending 31 March 2026: keep one$/);
  });

  it("refuses a period already recorded for the measure, saying whether it is verified", () => {
    const rows = check([record({ periodEnd: "2026-03-31" }), record({ periodEnd: "2025-03-31" }), record({ periodEnd: "2024-03-31" })], [
      { measureId: vacancy.id, periodEnd: "2026-03-31", status: "verified" },
      { measureId: vacancy.id, periodEnd: "2025-03-31", status: "submitted" },
      { measureId: pay.id, periodEnd: "2024-03-31", status: "verified" },
    ]);
    expect(rows.map((r) => r.problems)).toEqual([
      ["There is already a value for the period ending 31 March 2026 (verified)"],
      ["There is already a value for the period ending 31 March 2025 (waiting to be verified)"],
      [],
    ]);
  });

  it("asks for the id when two measures share a name", () => {
    const twin = { ...vacancy, id: "0b5c3f3e-1d2a-4c55-9a57-1f6f0f5e9a09" };
    const [row] = checkImportRows([record({})], { measures: [vacancy, twin], recorded: [], defaultSource: "Survey" });
    expect(row.problems).toEqual(["More than one measure is called “Vacancy rate”: use the measure’s id instead"]);
  });
});

describe("the words around an import", () => {
  it("counts what happened", () => {
    expect(importResultSummary(12, 3)).toBe("12 data points imported; 3 rows rejected");
    expect(importResultSummary(1, 1)).toBe("1 data point imported; 1 row rejected");
    expect(importResultSummary(1200, 0)).toBe("1,200 data points imported");
    expect(importPreviewSummary(10, 2)).toBe("10 rows can be imported; 2 rows have problems");
    expect(importPreviewSummary(0, 1)).toBe("0 rows can be imported; 1 row has problems");
  });

  it("writes a rejected row as the file had it, with its row number and problems", () => {
    const rec = record({ value: "7,8%", note: "Q4", periodEnd: "2026-03-31" });
    expect(REJECTED_ROWS_HEADER).toEqual(["row", "measure", "period_start", "period_end", "value", "source", "category", "note", "problems"]);
    expect(rejectedRowRecord({ record: rec, problems: ["a", "b"] })).toEqual([
      String(rec.row),
      "Vacancy rate",
      "",
      "2026-03-31",
      "7,8%",
      "",
      "",
      "Q4",
      "a; b",
    ]);
  });

  it("keeps text a spreadsheet would run as a formula as text in the report", () => {
    const rec = record({ measure: "=HYPERLINK(\"http://evil.test\")", value: "-3", note: "@SUM(A1)", periodEnd: "2026-03-31" });
    const [header, row] = rejectedRowsReport([{ record: rec, problems: ["No measure of this strategy is called “=HYPERLINK(…)”"] }]);
    expect(header).toEqual(REJECTED_ROWS_HEADER);
    expect(row).toEqual([
      String(rec.row),
      "'=HYPERLINK(\"http://evil.test\")",
      "",
      "2026-03-31",
      "'-3",
      "",
      "",
      "'@SUM(A1)",
      "No measure of this strategy is called “=HYPERLINK(…)”",
    ]);
  });

  it("shows a row in the preview with its measure's name, the period in words and the value in the unit, or as written", () => {
    const [good, bad] = check([
      record({ measure: "vacancy rate", periodStart: "01/04/2025", periodEnd: "31/03/2026", value: "7.1" }),
      record({ measure: "Vacancies", periodEnd: "March", value: "7,1" }),
    ]);
    expect(describeCheckedRow(good)).toEqual({ measure: "Vacancy rate", period: "1 April 2025 to 31 March 2026", value: "7.1%" });
    expect(describeCheckedRow(bad)).toEqual({ measure: "Vacancies", period: "March", value: "7,1" });
  });
});
