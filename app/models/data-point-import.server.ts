import type { ImportedDataPoint, RecordedPeriod } from "~/domain/data-point-import";
import { dataPointTitle } from "~/domain/evidence-form";
import type { Tx } from "~/platform/db.server";

/**
 * The SQL of a data point import: the periods already recorded for a strategy's measures, the
 * valid rows inserted as one batch of evidence, and the batch verified. Row Level Security and
 * the evidence trigger decide as for any evidence: each row is the importer's, and submitted.
 */

/**
 * The periods that already have a value for each of the strategy's measures: data points waiting
 * for review or verified (the ones the unique index allows only once per measure and period).
 */
export async function listRecordedPeriods(tx: Tx, strategyId: string): Promise<RecordedPeriod[]> {
  return tx.query<RecordedPeriod>(
    `select e.measure_id as "measureId", to_char(e.period_end, 'YYYY-MM-DD') as "periodEnd", e.status
       from public.evidence e
      where e.strategy_id = $1 and e.kind = 'data_point' and e.status in ('submitted', 'verified')`,
    [strategyId],
  );
}

/**
 * Inserts the data points as one statement, all carrying the batch's id, in the file's order.
 * Each is titled with its measure and period as the evidence form titles one, dated by the end of
 * its period (today, for a period not over yet: evidence is never dated in the future), and
 * submitted by the person importing. Returns the new ids.
 */
export async function insertImportedDataPoints(
  tx: Tx,
  { strategyId, batchId, dataPoints }: { strategyId: string; batchId: string; dataPoints: ImportedDataPoint[] },
): Promise<string[]> {
  const rows = dataPoints.map((p, ord) => ({
    ord,
    measure_id: p.measureId,
    category: p.category,
    title: dataPointTitle(p.measureName, p.periodEnd),
    note: p.note,
    source: p.source,
    value: p.value,
    period_start: p.periodStart,
    period_end: p.periodEnd,
  }));
  const inserted = await tx.query<{ id: string }>(
    `insert into public.evidence (strategy_id, kind, category, measure_id, title, body, source, evidence_date, value,
       period_start, period_end, import_batch_id)
     select $1, 'data_point', r.category, r.measure_id, r.title, r.note, r.source, least(r.period_end, current_date), r.value,
            r.period_start, r.period_end, $2
       from jsonb_to_recordset($3::jsonb) as r(ord int, measure_id uuid, category text, title text, note text,
              source text, value numeric, period_start date, period_end date)
      order by r.ord
     returning id`,
    [strategyId, batchId, JSON.stringify(rows)],
  );
  return inserted.map((r) => r.id);
}

/** Verifies a batch's data points that are waiting for review; returns how many were verified. */
export async function verifyImportBatch(tx: Tx, strategyId: string, batchId: string): Promise<number> {
  const rows = await tx.query(
    `update public.evidence set status = 'verified'
      where strategy_id = $1 and import_batch_id = $2 and status = 'submitted' returning id`,
    [strategyId, batchId],
  );
  return rows.length;
}
