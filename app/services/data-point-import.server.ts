/**
 * Importing data points from a CSV file: a preview that checks every row against the strategy's
 * measures and the values already recorded (nothing saved), and the import itself, in ONE
 * transaction whichever the person chose: every valid row and skip the rest, or nothing unless
 * every row is valid. The rows of one import share an import_batch_id, are submitted like any
 * evidence, and are verified in the same transaction when a reviewer asks for that.
 *
 * The route authorises the person first (evaluators and facilitators import); Row Level Security
 * and the evidence trigger enforce the same rules whatever calls this.
 */
import { randomUUID } from "node:crypto";
import {
  checkImportRows,
  countCheckedRows,
  type CheckedRow,
  type ImportableMeasure,
  type ImportMode,
} from "~/domain/data-point-import";
import { insertImportedDataPoints, listRecordedPeriods, verifyImportBatch } from "~/models/data-point-import.server";
import { listMeasures } from "~/models/measures.server";
import type { Tx } from "~/platform/db.server";
import { readDataPointCsv } from "~/utils/data-point-csv.server";
import { databaseErrorCode } from "~/utils/db-errors.server";

export type ImportRequest = {
  strategyId: string;
  /** The file as uploaded (bytes) or as carried between the steps (text). */
  csv: Uint8Array | string;
  /** The source for rows whose source column is empty. */
  defaultSource: string;
};

export type CheckedFile = { rows: CheckedRow[]; valid: number; invalid: number; ignoredColumns: string[] };
export type ImportPreview = ({ ok: true } & CheckedFile) | { ok: false; fileError: string };

export type ImportOutcome =
  | {
      status: "imported";
      batchId: string;
      imported: number;
      verified: boolean;
      /** The measures that have new values, with how many each, in the order the file first names them. */
      measures: { id: string; name: string; count: number }[];
      rejected: CheckedRow[];
    }
  /** Nothing saved: all-or-nothing and some rows have problems, or no row is valid. */
  | { status: "not_imported"; reason: "rows_have_problems" | "no_valid_rows"; preview: CheckedFile }
  /** Nothing saved: someone recorded a value for one of the file's periods while this import ran. */
  | { status: "conflict"; preview: ImportPreview }
  | { status: "file_error"; message: string };

/** Runs fn in one transaction as the person importing (the route's withDb). */
export type RunInTransaction = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

const toImportable = (m: { id: string; name: string; kind: ImportableMeasure["kind"]; unit: ImportableMeasure["unit"]; archivedAt: string | null }) => ({
  id: m.id,
  name: m.name,
  kind: m.kind,
  unit: m.unit,
  archived: m.archivedAt !== null,
});

/** Reads the file and checks every row against the strategy's measures and recorded periods. Saves nothing. */
export async function previewDataPointImport(tx: Tx, request: ImportRequest): Promise<ImportPreview> {
  const reading = readDataPointCsv(request.csv);
  if (!reading.ok) return { ok: false, fileError: reading.message };
  const measures = (await listMeasures(tx, request.strategyId, { includeArchived: true })).map(toImportable);
  const recorded = await listRecordedPeriods(tx, request.strategyId);
  const rows = checkImportRows(reading.records, { measures, recorded, defaultSource: request.defaultSource });
  return { ok: true, rows, ...countCheckedRows(rows), ignoredColumns: reading.ignoredColumns };
}

/** A second value for a measure's period, refused by the database's unique index. */
const isDuplicatePeriod = (error: unknown) =>
  databaseErrorCode(error) === "23505" &&
  (!(typeof error === "object" && error !== null && "constraint" in error) || error.constraint === "evidence_one_data_point_per_period");

/**
 * Imports the file's data points in one transaction. The rows are checked again inside it (the
 * file comes back from the browser, and values may have been recorded since the preview). If
 * someone records a value for one of the same periods at the same moment, the database refuses
 * the second (23505): the whole transaction is rolled back and the preview is made again, in a
 * new transaction, so it shows the row that now clashes.
 */
export async function importDataPoints(
  run: RunInTransaction,
  request: ImportRequest & { mode: ImportMode; verify: boolean },
): Promise<ImportOutcome> {
  try {
    return await run(async (tx): Promise<ImportOutcome> => {
      const preview = await previewDataPointImport(tx, request);
      if (!preview.ok) return { status: "file_error", message: preview.fileError };
      const { ok: _ok, ...checked } = preview;
      if (request.mode === "all_or_nothing" && checked.invalid > 0) {
        return { status: "not_imported", reason: "rows_have_problems", preview: checked };
      }
      const dataPoints = checked.rows.flatMap((r) => (r.dataPoint ? [r.dataPoint] : []));
      if (!dataPoints.length) return { status: "not_imported", reason: "no_valid_rows", preview: checked };
      const batchId = randomUUID();
      const ids = await insertImportedDataPoints(tx, { strategyId: request.strategyId, batchId, dataPoints });
      if (request.verify) {
        const verified = await verifyImportBatch(tx, request.strategyId, batchId);
        // Fewer verified than imported means the person may not review: undo the whole import.
        if (verified !== ids.length) throw new Error("Only an evaluator or a facilitator can verify data points as they import them.");
      }
      const measures = new Map<string, { id: string; name: string; count: number }>();
      for (const p of dataPoints) {
        const entry = measures.get(p.measureId) ?? { id: p.measureId, name: p.measureName, count: 0 };
        measures.set(p.measureId, { ...entry, count: entry.count + 1 });
      }
      return {
        status: "imported",
        batchId,
        imported: ids.length,
        verified: request.verify,
        measures: [...measures.values()],
        rejected: checked.rows.filter((r) => r.problems.length > 0),
      };
    });
  } catch (error) {
    if (!isDuplicatePeriod(error)) throw error;
    return { status: "conflict", preview: await run((tx) => previewDataPointImport(tx, request)) };
  }
}
