/**
 * Importing data points from a spreadsheet (CSV): the columns a file may have, the limits, and the
 * checks on each row, in plain English, before anything is saved. Browser-safe and free of I/O:
 * reading the CSV text into rows happens on the server (app/utils/data-point-csv.server.ts), and
 * the measures and the periods already recorded come from the database.
 */
import { EVIDENCE_CATEGORIES, evidenceCategoryLabels, type EvidenceCategory } from "~/domain/evidence";
import { parseValue, valueProblem } from "~/domain/evidence-form";
import { formatMeasureValue, type MeasureKind, type MeasureUnit } from "~/domain/measures";
import { guardSpreadsheetFormula } from "~/domain/sign-off-matrix";
import { formatDate } from "~/utils/dates";

/** The largest file accepted (2 MB), and the most rows of data in one file. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;
export const IMPORT_MAX_BYTES_WORDS = "2 MB";

export const IMPORT_COLUMN_NAMES = ["measure", "period_start", "period_end", "value", "source", "category", "note"] as const;
export type ImportColumn = (typeof IMPORT_COLUMN_NAMES)[number];

/** The columns, as the import page documents them. */
export const IMPORT_COLUMNS: { name: ImportColumn; required: boolean; description: string }[] = [
  {
    name: "measure",
    required: true,
    description: "The measure’s name, as it appears in the list of measures, or its id. A name with a comma in it goes in quotation marks (spreadsheets do this for you).",
  },
  {
    name: "period_start",
    required: false,
    description: "The first day the value covers, as 2026-01-01 or 01/01/2026. Leave it empty for a value on one day.",
  },
  {
    name: "period_end",
    required: true,
    description: "The last day the value covers, written the same way. A measure has one value for each period end.",
  },
  {
    name: "value",
    required: true,
    description: "A number in the measure’s unit, with a full stop for decimals: 7.8 or 7.8%, £8.50, 112,000 (not 7,8).",
  },
  { name: "source", required: false, description: "Where the value comes from. When it is empty, the source you give for the whole file is used." },
  {
    name: "category",
    required: false,
    description: `One of: ${EVIDENCE_CATEGORIES.map((c) => evidenceCategoryLabels[c]).join(", ")}. When it is empty: Outcomes.`,
  },
  { name: "note", required: false, description: "Anything a reviewer should know about the value." },
];

export const REQUIRED_IMPORT_COLUMNS = IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.name);

/** What to do with a file that has some rows with problems. */
export const IMPORT_MODES = ["valid_only", "all_or_nothing"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const importModeLabels: Record<ImportMode, string> = {
  valid_only: "Import every row without a problem, and skip the rest",
  all_or_nothing: "Import only if every row is without a problem",
};

export const importModeHints: Record<ImportMode, string> = {
  valid_only: "You can download the rows that were skipped, with their problems, to correct and import again.",
  all_or_nothing: "If any row has a problem, nothing is imported.",
};

/** One row of the file as written, every cell trimmed; `row` is its number in a spreadsheet (the header is row 1). */
export type ImportRecord = {
  row: number;
  measure: string;
  periodStart: string;
  periodEnd: string;
  value: string;
  source: string;
  category: string;
  note: string;
  /** The row had more cells than the header names columns (an unquoted comma in a value, usually). */
  extraCells: number;
};

/** A measure of the strategy, as the checks need it. */
export type ImportableMeasure = {
  id: string;
  name: string;
  kind: MeasureKind;
  unit: MeasureUnit | null;
  archived: boolean;
};

/** A value already recorded for a measure and period: one that is waiting for review or verified. */
export type RecordedPeriod = { measureId: string; periodEnd: string; status: "submitted" | "verified" };

/** What a valid row becomes: the data point to insert. */
export type ImportedDataPoint = {
  measureId: string;
  measureName: string;
  periodStart: string | null;
  periodEnd: string;
  /** The number as written (without a leading +), so the database stores exactly that decimal. */
  value: string;
  source: string;
  category: EvidenceCategory;
  note: string;
};

/** A row after the checks: its problems in words, or the data point it makes. */
export type CheckedRow = {
  record: ImportRecord;
  /** The measure the row names, when it names one of the strategy's. */
  measure: { id: string; name: string; unit: MeasureUnit | null } | null;
  problems: string[];
  dataPoint: ImportedDataPoint | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A value as written in the file, read as the evidence form reads a typed one (7.1, 7.1%, £8.50,
 * 112,000). Anything else is refused, with the number we think was meant when there is one:
 * "7,8%" might be 7.8 or 78, so it is "“7,8%” is not a number: write 7.8".
 */
export function parseImportNumber(text: string): Parsed<string> {
  const written = text.trim();
  if (!written) return { ok: false, message: "There is no value" };
  const value = written.length <= 40 ? parseValue(written) : undefined;
  if (value !== undefined) return { ok: true, value: String(value) };
  let suggestion = written.replace(/[%£\s\u00a0]/g, "").replace(/^\+/, "");
  if (/^-?\d+,\d{1,2}$/.test(suggestion) || /^-?\d+,\d{4,}$/.test(suggestion)) suggestion = suggestion.replace(",", ".");
  suggestion = suggestion.replace(/^(-?)\./, "$10.");
  if (suggestion !== written && suggestion.length <= 40 && parseValue(suggestion) !== undefined) {
    return { ok: false, message: `“${written}” is not a number: write ${suggestion}` };
  }
  return { ok: false, message: `“${shorten(written)}” is not a number` };
}

const isRealDate = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const isoDate = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/**
 * A date as written in the file: 2026-03-31 or 31/03/2026 (day first, as in the UK). Anything
 * else is refused rather than guessed, since 03/04/2026 means different days in different places.
 */
export function parseImportDate(text: string): Parsed<string> {
  const written = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(written);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(written);
  if (iso || uk) {
    const [year, month, day] = iso ? [+iso[1], +iso[2], +iso[3]] : [+uk![3], +uk![2], +uk![1]];
    if (isRealDate(year, month, day)) return { ok: true, value: isoDate(year, month, day) };
    if (uk && month > 12 && day <= 12) {
      return { ok: false, message: `“${written}” is not a real date: write the day first, as in 31/03/2026` };
    }
    return { ok: false, message: `“${written}” is not a real date` };
  }
  return { ok: false, message: `“${shorten(written)}” is not a date we can read: write it as 2026-03-31 or 31/03/2026` };
}

const folded = (text: string) => text.trim().replace(/[‘’`]/g, "'").replace(/\s+/g, " ").toLowerCase();

/** The category a cell names, by its label ("People's experience") or its code ("peoples_experience"); empty means outcomes. */
export function parseImportCategory(text: string): Parsed<EvidenceCategory> {
  if (!text.trim()) return { ok: true, value: "outcomes" };
  const wanted = folded(text);
  const found = EVIDENCE_CATEGORIES.find((c) => c === wanted || folded(evidenceCategoryLabels[c]) === wanted);
  if (found) return { ok: true, value: found };
  return {
    ok: false,
    message: `“${shorten(text.trim())}” is not a category: use one of ${EVIDENCE_CATEGORIES.map((c) => evidenceCategoryLabels[c]).join(", ")}`,
  };
}

/** "Rows 3 and 7", "Rows 3, 7 and 9". */
export function rowList(rows: number[]): string {
  if (rows.length === 1) return `Row ${rows[0]}`;
  return `Rows ${rows.slice(0, -1).join(", ")} and ${rows[rows.length - 1]}`;
}

/** "1 January 2026 to 31 March 2026", or "31 March 2026" for a value on one day. */
export function describePeriod(periodStart: string | null, periodEnd: string): string {
  return periodStart && periodStart !== periodEnd ? `${formatDate(periodStart)} to ${formatDate(periodEnd)}` : formatDate(periodEnd);
}

function shorten(text: string, length = 60): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

type MeasureLookup = { measure: ImportableMeasure } | { problem: string };

function measureFinder(measures: ImportableMeasure[]) {
  const byId = new Map(measures.map((m) => [m.id.toLowerCase(), m]));
  const byName = new Map<string, ImportableMeasure[]>();
  for (const m of measures) byName.set(folded(m.name), [...(byName.get(folded(m.name)) ?? []), m]);
  return (text: string): MeasureLookup => {
    if (!text) return { problem: "There is no measure: give the measure’s name or id" };
    const measure = UUID.test(text) ? byId.get(text.toLowerCase()) : undefined;
    if (measure) return { measure };
    const named = byName.get(folded(text)) ?? [];
    if (named.length > 1) return { problem: `More than one measure is called “${shorten(text)}”: use the measure’s id instead` };
    if (named.length === 1) return { measure: named[0] };
    return {
      problem: UUID.test(text)
        ? `No measure of this strategy has the id “${text}”`
        : `No measure of this strategy is called “${shorten(text)}”`,
    };
  };
}

/**
 * Checks every row against the strategy's measures and the values already recorded, and against
 * the other rows of the file. Each problem is a sentence about that row; a row with none becomes
 * a data point. Two rows for the same measure and period are both refused: which one is right is
 * for the person importing to say.
 */
export function checkImportRows(
  records: ImportRecord[],
  { measures, recorded, defaultSource }: { measures: ImportableMeasure[]; recorded: RecordedPeriod[]; defaultSource: string },
): CheckedRow[] {
  const findMeasure = measureFinder(measures);
  const recordedStatus = new Map(recorded.map((r) => [`${r.measureId}/${r.periodEnd}`, r.status]));
  const checked = records.map((record): CheckedRow & { key: string | null } => {
    const problems: string[] = [];
    const lookup = findMeasure(record.measure);
    let measure: ImportableMeasure | null = null;
    if ("problem" in lookup) problems.push(lookup.problem);
    else {
      measure = lookup.measure;
      if (measure.archived) problems.push(`“${shorten(measure.name)}” is archived: restore it before importing values for it`);
      if (measure.kind === "qualitative") {
        problems.push(`“${shorten(measure.name)}” is a qualitative measure: it needs a judgement, not a value, so submit its evidence on its own`);
      }
    }

    const start = record.periodStart ? parseImportDate(record.periodStart) : null;
    if (start && !start.ok) problems.push(`Period start: ${start.message}`);
    const end = record.periodEnd ? parseImportDate(record.periodEnd) : null;
    if (!end) problems.push("There is no period end: give the last day the value covers");
    else if (!end.ok) problems.push(`Period end: ${end.message}`);
    if (start?.ok && end?.ok && start.value > end.value) {
      problems.push(`The period starts (${formatDate(start.value)}) after it ends (${formatDate(end.value)})`);
    }

    const value = parseImportNumber(record.value);
    if (!value.ok) problems.push(value.message);
    else if (measure && measure.kind === "quantitative") {
      const unitProblem = valueProblem(Number(value.value), measure.unit);
      if (unitProblem) problems.push(unitProblem);
    }

    const source = record.source || defaultSource.trim();
    if (!source) problems.push("There is no source: fill in the source column, or give a source for the whole file");
    else if (source.length < 2 || source.length > 300) problems.push("The source must be between 2 and 300 characters");

    const category = parseImportCategory(record.category);
    if (!category.ok) problems.push(category.message);
    if (record.note.length > 10000) problems.push("The note must be 10,000 characters or fewer");
    if (record.extraCells > 0) {
      problems.push("The row has more cells than there are columns: a value with a comma in it must be in quotation marks");
    }

    const key = measure && end?.ok ? `${measure.id}/${end.value}` : null;
    const already = key ? recordedStatus.get(key) : undefined;
    if (already && end?.ok) {
      problems.push(
        `There is already a value for the period ending ${formatDate(end.value)} (${already === "verified" ? "verified" : "waiting to be verified"})`,
      );
    }

    const dataPoint: ImportedDataPoint | null =
      !problems.length && measure && end?.ok && value.ok && category.ok
        ? {
            measureId: measure.id,
            measureName: measure.name,
            periodStart: start?.ok ? start.value : null,
            periodEnd: end.value,
            value: value.value,
            source,
            category: category.value,
            note: record.note,
          }
        : null;
    return {
      record,
      measure: measure ? { id: measure.id, name: measure.name, unit: measure.unit } : null,
      problems,
      dataPoint,
      key,
    };
  });

  const rowsByKey = new Map<string, number[]>();
  for (const row of checked) if (row.key) rowsByKey.set(row.key, [...(rowsByKey.get(row.key) ?? []), row.record.row]);
  return checked.map(({ key, ...row }) => {
    const sameKey = key ? rowsByKey.get(key)! : [];
    if (sameKey.length < 2) return row;
    const periodEnd = key!.slice(key!.indexOf("/") + 1);
    const clash = `${rowList(sameKey)} ${sameKey.length === 2 ? "both" : "all"} give a value for this measure for the period ending ${formatDate(periodEnd)}: keep one`;
    return { ...row, problems: [...row.problems, clash], dataPoint: null };
  });
}

/** How many rows can be imported, and how many have problems. */
export function countCheckedRows(rows: CheckedRow[]): { valid: number; invalid: number } {
  const valid = rows.filter((r) => r.problems.length === 0).length;
  return { valid, invalid: rows.length - valid };
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** "12 data points imported; 3 rows rejected", the words of the result page. */
export function importResultSummary(imported: number, rejected: number): string {
  const first = `${plural(imported, "data point", "data points")} imported`;
  return rejected ? `${first}; ${plural(rejected, "row", "rows")} rejected` : first;
}

/** "10 rows can be imported; 2 rows have problems". */
export function importPreviewSummary(valid: number, invalid: number): string {
  const first = `${plural(valid, "row", "rows")} can be imported`;
  return invalid ? `${first}; ${plural(invalid, "row has", "rows have")} problems` : first;
}

/** What the preview table shows for a row: the measure, period and value read, or as written when they could not be. */
export function describeCheckedRow(row: CheckedRow): { measure: string; period: string; value: string } {
  const r = row.record;
  const start = r.periodStart ? parseImportDate(r.periodStart) : null;
  const end = parseImportDate(r.periodEnd);
  const value = parseImportNumber(r.value);
  const period =
    end.ok && (!start || start.ok)
      ? describePeriod(start?.ok ? start.value : null, end.value)
      : [r.periodStart, r.periodEnd].filter(Boolean).join(" to ");
  return {
    measure: row.measure?.name ?? r.measure,
    period,
    value: value.ok && row.measure && row.measure.unit ? formatMeasureValue(Number(value.value), row.measure.unit) : r.value,
  };
}

/** A row the import left out, and why: what the rejected rows report is made from. */
export type RejectedRow = { record: ImportRecord; problems: string[] };

/** The rejected rows report: the columns of the file, then the row number and its problems. */
export const REJECTED_ROWS_HEADER = ["row", ...IMPORT_COLUMN_NAMES, "problems"];

/** One rejected row as the report writes it. */
export function rejectedRowRecord(row: RejectedRow): string[] {
  const r = row.record;
  return [String(r.row), r.measure, r.periodStart, r.periodEnd, r.value, r.source, r.category, r.note, row.problems.join("; ")];
}

/**
 * The report's records, header first. A cell that a spreadsheet would run as a formula keeps its
 * text behind an apostrophe (as in the sign-off CSV); reading a file strips that apostrophe again,
 * so the report can be corrected and imported.
 */
export function rejectedRowsReport(rows: RejectedRow[]): string[][] {
  return [REJECTED_ROWS_HEADER, ...rows.map((row) => rejectedRowRecord(row).map(guardSpreadsheetFormula))];
}
