import type { Tx } from "~/platform/db.server";
import type { MeasureKind } from "~/domain/measures";
import type { EvidenceCsvRow, MeasureCsvRow } from "~/domain/exports";
import { submitterNameColumn } from "~/models/evidence.server";

/**
 * The rows of the CSV exports, read a page at a time by keyset (never OFFSET, so a late page
 * costs what the first does) inside the export's one transaction. The transaction is read
 * committed, so each page sees what was committed when it began: an item changed during a long
 * export appears as it then stands, once (only an answer to a return moves its sort key, the
 * evidence date). Row Level Security decides which rows the reader gets, as on every page: a visitor of
 * a public strategy gets its public rows only.
 */

/** One row of the measures export: a measure with one of its data points, or with none (all data point fields null). */
export type MeasureExportRow = MeasureCsvRow & {
  measureId: string;
  kind: MeasureKind;
  /** The keyset: where the next page starts. */
  sortName: string;
};

export type MeasureExportCursor = { sortName: string; measureId: string; periodEnd: string; dataPointId: string };

const NIL = "00000000-0000-0000-0000-000000000000";

/**
 * One page of the strategy's current measures by name, each with the data points the reader may
 * see in period order; a measure with none is one row. Pass the last row back for the next page.
 */
export async function listMeasureExportPage(
  tx: Tx,
  strategyId: string,
  after: MeasureExportCursor | null,
  limit: number,
): Promise<MeasureExportRow[]> {
  return tx.query<MeasureExportRow>(
    `select m.id as "measureId", m.name, m.kind, m.unit, m.direction,
            m.baseline_value::float8 as "baselineValue", to_char(m.baseline_date, 'YYYY-MM-DD') as "baselineDate",
            m.target_value::float8 as "targetValue", to_char(m.target_date, 'YYYY-MM-DD') as "targetDate",
            m.target_is_example as "targetIsExample", m.tolerance::float8 as tolerance,
            m.on_track_threshold::float8 as "onTrackThreshold", m.off_track_threshold::float8 as "offTrackThreshold",
            jsonb_build_object(
              'status', s.status, 'reason', s.reason, 'latestValue', s.latest_value::float8,
              'latestJudgement', s.latest_judgement, 'latestPeriodEnd', to_char(s.latest_period_end, 'YYYY-MM-DD'),
              'expectedValue', s.expected_value::float8) as rag,
            e.id as "dataPointId", to_char(e.period_start, 'YYYY-MM-DD') as "periodStart",
            to_char(e.period_end, 'YYYY-MM-DD') as "periodEnd", e.value::float8 as value, e.judgement,
            e.status as "evidenceStatus", e.source, lower(m.name) as "sortName"
       from public.measures m
       join public.measure_statuses s on s.measure_id = m.id
       left join public.evidence e on e.measure_id = m.id and e.kind = 'data_point'
      where m.strategy_id = $1 and m.archived_at is null
        and ($2::text is null
          or (lower(m.name), m.id, coalesce(e.period_end, '-infinity'::date), coalesce(e.id, '${NIL}'::uuid))
           > ($2, $3::uuid, $4::date, $5::uuid))
      order by lower(m.name), m.id, coalesce(e.period_end, '-infinity'::date), coalesce(e.id, '${NIL}'::uuid)
      limit $6`,
    [strategyId, after?.sortName ?? null, after?.measureId ?? null, after?.periodEnd ?? null, after?.dataPointId ?? null, limit],
  );
}

/** Where the page after `row` starts. */
export const measureExportCursor = (row: MeasureExportRow): MeasureExportCursor => ({
  sortName: row.sortName,
  measureId: row.measureId,
  periodEnd: row.periodEnd ?? "-infinity",
  dataPointId: row.dataPointId ?? NIL,
});

/** One row of the evidence export: what an item is and where it stands, never what it says or its file's bytes. */
export type EvidenceExportRow = EvidenceCsvRow & {
  id: string;
  submittedAt: string;
  reviewedAt: string | null;
};

export type EvidenceExportCursor = { evidenceDate: string; id: string };

/**
 * One page of the strategy's evidence the reader may see, newest first. The submitter of an
 * anonymised story is named only to reviewers and the teller, by the evidence pages' own column
 * (`submitterNameColumn`), so a name that must not be shown never leaves the database.
 */
export async function listEvidenceExportPage(
  tx: Tx,
  strategyId: string,
  after: EvidenceExportCursor | null,
  limit: number,
): Promise<EvidenceExportRow[]> {
  const number = (priority: string) => `(select count(*)::int from public.priorities q
      where q.strategy_id = ${priority}.strategy_id and q.archived_at is null and q.position <= ${priority}.position
        and ${priority}.archived_at is null)`;
  return tx.query<EvidenceExportRow>(
    `select e.id, e.title, e.kind, e.category,
            case when e.measure_id is not null then 'measure' when e.commitment_id is not null then 'commitment'
                 else 'priority' end as "targetType",
            coalesce(m.name, c.text, p.title) as "targetName",
            coalesce(case
              when e.priority_id is not null then ${number("p")}::text
              when e.commitment_id is not null then (select ${number("cp")}::text from public.priorities cp where cp.id = c.priority_id)
              else (select string_agg(distinct n::text, ', ')
                      from (select ${number("lp")} as n
                              from public.measure_links l
                              left join public.commitments lc on lc.id = l.commitment_id
                              join public.priorities lp on lp.id = coalesce(l.priority_id, lc.priority_id)
                             where l.measure_id = e.measure_id) numbers
                     where n > 0)
            end, '') as "priorityNumbers",
            e.status, to_char(e.evidence_date, 'YYYY-MM-DD') as "evidenceDate",
            e.created_at as "submittedAt", e.reviewed_at as "reviewedAt", e.source,
            f.file_name as "fileName", f.byte_size::float8 as "fileByteSize",
            e.consent_quote as "consentQuote", e.consent_publish as "consentPublish", e.anonymised,
            ${submitterNameColumn}
       from public.evidence e
       left join public.evidence_files f on f.id = e.file_id
       left join public.profiles sp on sp.id = e.submitted_by
       left join public.measures m on m.id = e.measure_id
       left join public.commitments c on c.id = e.commitment_id
       left join public.priorities p on p.id = e.priority_id
      where e.strategy_id = $1
        and ($2::date is null or (e.evidence_date, e.id) < ($2::date, $3::uuid))
      order by e.evidence_date desc, e.id desc
      limit $4`,
    [strategyId, after?.evidenceDate ?? null, after?.id ?? null, limit],
  );
}

/** Where the page after `row` starts. */
export const evidenceExportCursor = (row: EvidenceExportRow): EvidenceExportCursor => ({ evidenceDate: row.evidenceDate, id: row.id });
