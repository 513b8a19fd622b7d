import { parse } from "csv-parse/sync";
import {
  IMPORT_COLUMN_NAMES,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_BYTES_WORDS,
  IMPORT_MAX_ROWS,
  REQUIRED_IMPORT_COLUMNS,
  type ImportColumn,
  type ImportRecord,
} from "~/domain/data-point-import";

export type CsvReading = { ok: true; records: ImportRecord[]; ignoredColumns: string[] } | { ok: false; message: string };

const LONGEST_ROW = 20_000;

/**
 * A cell the rejected rows report kept as text behind an apostrophe ('-3), read as written (-3),
 * so a corrected report can be imported again.
 */
const unguarded = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** "Period end" and "period-end" name the period_end column too. */
const columnName = (cell: string) => cell.trim().toLowerCase().replace(/[\s-]+/g, "_");

/**
 * The separator a file's first line uses: a comma, or a semicolon or tab from spreadsheets set up
 * for countries that write decimals with a comma.
 */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const counts = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best[1] > 0 ? best[0] : ",";
}

/** Why csv-parse stopped, in words, with the line it stopped at. */
function unreadable(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  const line = typeof error === "object" && error !== null && "lines" in error ? Number(error.lines) : undefined;
  const at = line ? ` (line ${line})` : "";
  switch (code) {
    case "CSV_QUOTE_NOT_CLOSED":
      // csv-parse reports the line where the file ended, not where the quotation mark was opened.
      return "The file could not be read: a quotation mark is opened and never closed";
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return `The file could not be read: a value has a quotation mark in the middle${at}. Put the whole value in quotation marks and write the one inside twice`;
    case "CSV_MAX_RECORD_SIZE":
      return `The file could not be read: a row is too long${at}`;
    default:
      return `The file could not be read as CSV${at}`;
  }
}

/**
 * Reads an uploaded CSV of data points into rows, or says in words why it cannot: too large,
 * empty, not text (a spreadsheet saved as a workbook, say), not CSV, a missing column, too many
 * rows. A byte order mark is dropped. Cells are trimmed; blank rows are skipped but still counted,
 * so row numbers match the spreadsheet's.
 */
export function readDataPointCsv(input: Uint8Array | string): CsvReading {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  if (bytes.byteLength > IMPORT_MAX_BYTES) {
    return { ok: false, message: `The file is larger than ${IMPORT_MAX_BYTES_WORDS}: split it into smaller files` };
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return { ok: false, message: "The file is a workbook, not a CSV file: save it as “CSV UTF-8” and choose it again" };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: "The file is not text we can read: save it as “CSV UTF-8” and choose it again" };
  }
  text = text.replace(/^\uFEFF/, "");
  if (text.includes("\u0000")) {
    return { ok: false, message: "The file is not a CSV file: save it as “CSV UTF-8” and choose it again" };
  }
  if (!text.trim()) return { ok: false, message: "The file is empty" };

  let cells: string[][];
  try {
    cells = parse(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      // A quotation mark inside an unquoted value (5" screens) is kept as written.
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
      max_record_size: LONGEST_ROW,
    });
  } catch (error) {
    return { ok: false, message: unreadable(error) };
  }

  const isBlank = (row: string[]) => row.every((cell) => cell === "");
  const headerIndex = cells.findIndex((row) => !isBlank(row));
  if (headerIndex < 0) return { ok: false, message: "The file is empty" };
  const header = cells[headerIndex].map(columnName);

  const seen = new Set<string>();
  for (const name of header) {
    if (name && seen.has(name)) return { ok: false, message: `The column “${name}” appears twice in the first row` };
    seen.add(name);
  }
  const missing = REQUIRED_IMPORT_COLUMNS.filter((name) => !seen.has(name));
  if (missing.length) {
    const names = missing.map((name) => `“${name}”`).join(missing.length === 2 ? " and " : ", ");
    return {
      ok: false,
      message: `The first row must name the columns, and it has no ${names} column${missing.length > 1 ? "s" : ""}. The columns are listed on this page`,
    };
  }
  const known = new Set<string>(IMPORT_COLUMN_NAMES);
  const ignoredColumns = header.filter((name) => name && !known.has(name));
  const position = Object.fromEntries(IMPORT_COLUMN_NAMES.map((name) => [name, header.indexOf(name)])) as Record<ImportColumn, number>;

  const records: ImportRecord[] = [];
  for (let i = headerIndex + 1; i < cells.length; i++) {
    const row = cells[i];
    if (isBlank(row)) continue;
    if (records.length === IMPORT_MAX_ROWS) {
      return {
        ok: false,
        message: `The file has more than ${IMPORT_MAX_ROWS.toLocaleString("en-GB")} rows of data: split it into smaller files`,
      };
    }
    const cell = (name: ImportColumn) => unguarded(position[name] >= 0 ? (row[position[name]] ?? "") : "");
    let used = row.length;
    while (used > 0 && row[used - 1] === "") used--;
    records.push({
      row: i + 1,
      measure: cell("measure"),
      periodStart: cell("period_start"),
      periodEnd: cell("period_end"),
      value: cell("value"),
      source: cell("source"),
      category: cell("category"),
      note: cell("note"),
      extraCells: Math.max(0, used - header.length),
    });
  }
  if (!records.length) return { ok: false, message: "The file has a row of column names but no rows of data" };
  return { ok: true, records, ignoredColumns };
}
