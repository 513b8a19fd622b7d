import { describe, expect, it } from "vitest";
import { IMPORT_MAX_BYTES } from "~/domain/data-point-import";
import { readDataPointCsv } from "./data-point-csv.server";

const ok = (input: string | Uint8Array) => {
  const reading = readDataPointCsv(input);
  if (!reading.ok) throw new Error(`Expected the file to be read, got: ${reading.message}`);
  return reading;
};
const refusal = (input: string | Uint8Array) => {
  const reading = readDataPointCsv(input);
  return reading.ok ? undefined : reading.message;
};

describe("reading a CSV of data points", () => {
  it("reads each row by the header's column names, in any order and case, trimmed, with row numbers as a spreadsheet shows them", () => {
    const { records, ignoredColumns } = ok(
      "Value, Measure ,Period End,period-start,Source,Category,Note,Comment\r\n" +
        "7.1,Vacancy rate,2026-03-31,2026-01-01,Skills for Care,Outcomes,Q4,ignored\r\n" +
        "\r\n" +
        '"8.50","Average care worker pay","31/03/2026",,,"","A note, with a comma\nand a second line",\r\n' +
        "9,Pay,2025-03-31\r\n",
    );
    expect(ignoredColumns).toEqual(["comment"]);
    expect(records).toEqual([
      {
        row: 2,
        measure: "Vacancy rate",
        periodStart: "2026-01-01",
        periodEnd: "2026-03-31",
        value: "7.1",
        source: "Skills for Care",
        category: "Outcomes",
        note: "Q4",
        extraCells: 0,
      },
      {
        row: 4,
        measure: "Average care worker pay",
        periodStart: "",
        periodEnd: "31/03/2026",
        value: "8.50",
        source: "",
        category: "",
        note: "A note, with a comma\nand a second line",
        extraCells: 0,
      },
      { row: 5, measure: "Pay", periodStart: "", periodEnd: "2025-03-31", value: "9", source: "", category: "", note: "", extraCells: 0 },
    ]);
  });

  it("drops a byte order mark, so the first column is still found", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("measure,period_end,value\nVacancy rate,2026-03-31,7.1\n")]);
    expect(ok(bytes).records[0]).toMatchObject({ measure: "Vacancy rate", value: "7.1" });
  });

  it("reads a file separated by semicolons, as spreadsheets set up for decimal commas save it", () => {
    const { records } = ok("measure;period_end;value\nVacancy rate;31/03/2026;7,8\n");
    expect(records[0]).toMatchObject({ measure: "Vacancy rate", periodEnd: "31/03/2026", value: "7,8" });
  });

  it("notices cells beyond the header's columns: an unquoted comma in a number", () => {
    const { records } = ok("measure,period_end,value\nVacancy rate,2026-03-31,7,8\nVacancy rate,2025-03-31,7.5,,\n");
    expect(records.map((r) => [r.value, r.extraCells])).toEqual([
      ["7", 1],
      ["7.5", 0],
    ]);
  });

  it("keeps a quotation mark inside an unquoted value", () => {
    expect(ok('measure,period_end,value,note\nVacancy rate,2026-03-31,7.1,the "new" survey\n').records[0].note).toBe('the "new" survey');
  });

  it("refuses, in words, a file it cannot use", () => {
    expect(refusal("")).toBe("The file is empty");
    expect(refusal(" \n\n")).toBe("The file is empty");
    expect(refusal("measure,period_end,value\n\n")).toBe("The file has a row of column names but no rows of data");
    expect(refusal("measure,value\nVacancy rate,7\n")).toBe(
      "The first row must name the columns, and it has no “period_end” column. The columns are listed on this page",
    );
    expect(refusal("name,date\nVacancy rate,2026-03-31\n")).toBe(
      "The first row must name the columns, and it has no “measure”, “period_end”, “value” columns. The columns are listed on this page",
    );
    expect(refusal("measure,period_end,value,Value\n")).toBe("The column “value” appears twice in the first row");
    expect(refusal('measure,period_end,value\n"Vacancy rate,2026-03-31,7\n')).toBe(
      "The file could not be read: a quotation mark is opened and never closed",
    );
    expect(refusal('measure,period_end,value\n"Vacancy" rate,2026-03-31,7\n')).toMatch(
      /^The file could not be read: a value has a quotation mark in the middle \(line 2\)/,
    );
  });

  it("refuses a workbook, bytes that are not UTF-8 text, and binary content", () => {
    expect(refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toBe(
      "The file is a workbook, not a CSV file: save it as “CSV UTF-8” and choose it again",
    );
    expect(refusal(new Uint8Array([0x6d, 0x65, 0xff, 0xfe, 0x41]))).toBe(
      "The file is not text we can read: save it as “CSV UTF-8” and choose it again",
    );
    expect(refusal("measure,period_end,value\u0000\n")).toBe("The file is not a CSV file: save it as “CSV UTF-8” and choose it again");
  });

  it("refuses more than 5,000 rows of data, but not 5,000 with blank lines between", () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `Vacancy rate,2026-03-31,${i}`).join("\n\n");
    expect(ok(`measure,period_end,value\n${rows(5000)}\n`).records).toHaveLength(5000);
    expect(refusal(`measure,period_end,value\n${rows(5001)}\n`)).toBe("The file has more than 5,000 rows of data: split it into smaller files");
  });

  it("refuses a file larger than 2 MB before reading it", () => {
    const big = new Uint8Array(IMPORT_MAX_BYTES + 1).fill(0x41);
    expect(refusal(big)).toBe("The file is larger than 2 MB: split it into smaller files");
  });

  it("reads a cell the rejected rows report kept as text ('-3) as written", () => {
    const { records } = ok("measure,period_end,value,note\nScore,2026-03-31,'-3,'=not a formula\n");
    expect(records[0]).toMatchObject({ value: "-3", note: "=not a formula" });
  });
});
