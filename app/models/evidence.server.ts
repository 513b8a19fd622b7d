import type { Tx } from "~/platform/db.server";
import type {
  CategoryCount,
  EvidenceCategory,
  EvidenceKind,
  EvidenceStatus,
  MilestoneJudgement,
} from "~/domain/evidence";

/**
 * Evaluation evidence: data points, documents, stories and feedback against a measure, a
 * commitment or a priority, and their review. RLS (`app.can_read_evidence`) decides who sees
 * which item; nothing here filters by status for visibility.
 */
export type EvidenceItem = {
  id: string;
  strategyId: string;
  kind: EvidenceKind;
  category: EvidenceCategory;
  measureId: string | null;
  commitmentId: string | null;
  priorityId: string | null;
  title: string;
  source: string;
  /** YYYY-MM-DD */
  evidenceDate: string;
  value: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  judgement: MilestoneJudgement | null;
  fileId: string | null;
  fileName: string | null;
  status: EvidenceStatus;
  reviewNote: string | null;
  submittedBy: string;
  /** Null for an anonymised story, unless the reader reviews evidence or submitted it. */
  submittedByName: string | null;
  anonymised: boolean;
  consentQuote: boolean;
  consentPublish: boolean;
  createdAt: Date;
};

/**
 * The submitter's name, as `"submittedByName"` (evidence as `e`, their profile as `sp`): an
 * anonymised story's teller is named only to reviewers and to the teller, decided in SQL so a name
 * that must not be shown never leaves the database.
 */
export const submitterNameColumn = `case when e.kind = 'story' and e.anonymised
        and not (app.can_review_evidence(e.strategy_id) or e.submitted_by is not distinct from auth.uid())
       then null else coalesce(sp.chosen_name, sp.display_name) end as "submittedByName"`;

const evidenceColumns = `e.id, e.strategy_id as "strategyId", e.kind, e.category, e.measure_id as "measureId",
  e.commitment_id as "commitmentId", e.priority_id as "priorityId", e.title, e.source,
  to_char(e.evidence_date, 'YYYY-MM-DD') as "evidenceDate", e.value::float8 as value,
  to_char(e.period_start, 'YYYY-MM-DD') as "periodStart", to_char(e.period_end, 'YYYY-MM-DD') as "periodEnd",
  e.judgement, e.file_id as "fileId", f.file_name as "fileName", e.status, e.review_note as "reviewNote",
  e.submitted_by as "submittedBy",
  ${submitterNameColumn},
  e.anonymised, e.consent_quote as "consentQuote", e.consent_publish as "consentPublish", e.created_at as "createdAt"`;

const evidenceFrom = `from public.evidence e
  left join public.evidence_files f on f.id = e.file_id
  left join public.profiles sp on sp.id = e.submitted_by`;

/** What a piece of evidence is for: exactly one of a measure, a commitment or a priority. */
export type EvidenceTarget = { measureId: string } | { commitmentId: string } | { priorityId: string };

/** The evidence the reader may see for one measure, commitment or priority, newest first. */
export async function listEvidenceFor(tx: Tx, target: EvidenceTarget): Promise<EvidenceItem[]> {
  const [column, id] =
    "measureId" in target
      ? ["measure_id", target.measureId]
      : "commitmentId" in target
        ? ["commitment_id", target.commitmentId]
        : ["priority_id", target.priorityId];
  return tx.query<EvidenceItem>(
    `select ${evidenceColumns} ${evidenceFrom}
      where e.${column} = $1
      order by e.evidence_date desc, e.created_at desc, e.id`,
    [id],
  );
}

/**
 * A priority's evidence by category: on the priority itself, on its commitments and on the
 * measures linked to either. Verified items count; submitted ones count as unverified; returned
 * and rejected ones do not count at all. Only what the reader may see is counted. Read from the
 * evidence tallies (public.dashboard_triangulation), which a trigger keeps as evidence changes,
 * so the priority's page does not count its evidence row by row.
 */
export async function evidenceCategoryCounts(tx: Tx, priorityId: string): Promise<CategoryCount[]> {
  return tx.query<CategoryCount>(
    `select category, verified, unverified from public.dashboard_triangulation where priority_id = $1 order by category`,
    [priorityId],
  );
}

/** An item with what it is for, by name, as the strategy's list and the item's page show it. */
export type EvidenceWithTarget = EvidenceItem & {
  /** The measure's name, the commitment's wording or the priority's title; null when the reader cannot see it. */
  targetName: string | null;
  measureUnit: "percentage" | "pounds" | "count" | "rate" | "score" | null;
};

/** One item with what only its own page shows. */
export type EvidenceDetail = EvidenceWithTarget & {
  body: string;
  fileByteSize: number | null;
  fileContentType: string | null;
  measureKind: "quantitative" | "qualitative" | null;
  reviewedBy: string | null;
  reviewedByName: string | null;
  reviewedAt: Date | null;
  updatedAt: Date;
  importBatchId: string | null;
};

const targetColumns = `coalesce(m.name, c.text, p.title) as "targetName", m.unit as "measureUnit"`;
const targetFrom = `left join public.measures m on m.id = e.measure_id
  left join public.commitments c on c.id = e.commitment_id
  left join public.priorities p on p.id = e.priority_id`;

/** One item of a strategy, if the reader may see it. */
export async function getEvidence(tx: Tx, strategyId: string, id: string): Promise<EvidenceDetail | undefined> {
  return tx.one<EvidenceDetail>(
    `select ${evidenceColumns}, ${targetColumns}, e.body, f.byte_size::float8 as "fileByteSize",
            f.content_type as "fileContentType", m.kind as "measureKind", e.reviewed_by as "reviewedBy",
            coalesce(rp.chosen_name, rp.display_name) as "reviewedByName", e.reviewed_at as "reviewedAt",
            e.updated_at as "updatedAt", e.import_batch_id as "importBatchId"
       ${evidenceFrom} ${targetFrom}
       left join public.profiles rp on rp.id = e.reviewed_by
      where e.strategy_id = $1 and e.id = $2`,
    [strategyId, id],
  );
}

export type EvidenceFilters = {
  status?: EvidenceStatus;
  category?: EvidenceCategory;
  kind?: EvidenceKind;
  /** Evidence on this priority, on its commitments or on the measures linked to either (as its triangulation counts). */
  priorityId?: string;
  /** Reviewers see what waits for their review first. */
  waitingFirst?: boolean;
  limit?: number;
};

/**
 * The strategy's evidence the reader may see, newest first (what waits for review first when
 * asked), filtered; one more than the limit is read so the page can say there is more.
 */
export async function listStrategyEvidence(
  tx: Tx,
  strategyId: string,
  { status, category, kind, priorityId, waitingFirst = false, limit = 200 }: EvidenceFilters = {},
): Promise<{ items: EvidenceWithTarget[]; more: boolean }> {
  const rows = await tx.query<EvidenceWithTarget>(
    `select ${evidenceColumns}, ${targetColumns}
       ${evidenceFrom} ${targetFrom}
      where e.strategy_id = $1
        and ($2::text is null or e.status = $2)
        and ($3::text is null or e.category = $3)
        and ($4::text is null or e.kind = $4)
        and ($7::uuid is null or e.priority_id = $7
          or e.commitment_id in (select k.id from public.commitments k where k.priority_id = $7)
          or e.measure_id in (
            select l.measure_id from public.measure_links l
             where l.priority_id = $7
                or l.commitment_id in (select k.id from public.commitments k where k.priority_id = $7)))
      order by case when $5 and e.status = 'submitted' then 0 else 1 end,
               e.evidence_date desc, e.created_at desc, e.id
      limit $6`,
    [strategyId, status ?? null, category ?? null, kind ?? null, waitingFirst, limit + 1, priorityId ?? null],
  );
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

/** How much of the strategy's evidence waits for review (what the reader may see of it). */
export async function countEvidenceWaiting(tx: Tx, strategyId: string): Promise<number> {
  const row = await tx.one<{ count: number }>(
    "select count(*)::int as count from public.evidence where strategy_id = $1 and status = 'submitted'",
    [strategyId],
  );
  return row!.count;
}

/** What a submitter writes: the same for a new item and for an answer to a return. */
export type EvidenceContent = {
  category: EvidenceCategory;
  target: EvidenceTarget;
  title: string;
  body: string;
  source: string;
  evidenceDate: string;
  value: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  judgement: MilestoneJudgement | null;
  fileId: string | null;
  consentQuote: boolean;
  consentPublish: boolean;
  anonymised: boolean;
};

const targetIds = (target: EvidenceTarget) => [
  "measureId" in target ? target.measureId : null,
  "commitmentId" in target ? target.commitmentId : null,
  "priorityId" in target ? target.priorityId : null,
];

/** Submits evidence as the signed-in person (the database makes it 'submitted' and records who); returns its id. */
export async function insertEvidence(
  tx: Tx,
  input: EvidenceContent & { strategyId: string; kind: EvidenceKind; importBatchId?: string | null },
): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `insert into public.evidence
       (strategy_id, kind, category, measure_id, commitment_id, priority_id, title, body, source, evidence_date,
        value, period_start, period_end, judgement, file_id, consent_quote, consent_publish, anonymised, import_batch_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
     returning id`,
    [
      input.strategyId,
      input.kind,
      input.category,
      ...targetIds(input.target),
      input.title,
      input.body,
      input.source,
      input.evidenceDate,
      input.value,
      input.periodStart,
      input.periodEnd,
      input.judgement,
      input.fileId,
      input.consentQuote,
      input.consentPublish,
      input.anonymised,
      input.importBatchId ?? null,
    ],
  );
  return row!.id;
}

/**
 * Records a review of submitted evidence (the database checks the reviewer and records who and
 * when). False when it is no longer waiting for review: someone reviewed it first.
 */
export async function reviewEvidence(
  tx: Tx,
  strategyId: string,
  id: string,
  review: { status: "verified" | "returned" | "rejected"; note: string | null },
): Promise<boolean> {
  const rows = await tx.query(
    `update public.evidence set status = $3, review_note = $4
      where strategy_id = $1 and id = $2 and status = 'submitted' returning id`,
    [strategyId, id, review.status, review.note],
  );
  return rows.length === 1;
}

/**
 * The submitter's answer to a return: the changed evidence goes back for review. The review note
 * stays, so the reviewer reads what they asked beside the answer. False when it is not (or no
 * longer) returned.
 */
export async function answerReturnedEvidence(tx: Tx, strategyId: string, id: string, content: EvidenceContent): Promise<boolean> {
  const rows = await tx.query(
    `update public.evidence
        set category = $3, measure_id = $4, commitment_id = $5, priority_id = $6, title = $7, body = $8, source = $9,
            evidence_date = $10, value = $11, period_start = $12, period_end = $13, judgement = $14,
            file_id = coalesce($15, file_id), consent_quote = $16, consent_publish = $17, anonymised = $18,
            status = 'submitted'
      where strategy_id = $1 and id = $2 and status = 'returned' returning id`,
    [
      strategyId,
      id,
      content.category,
      ...targetIds(content.target),
      content.title,
      content.body,
      content.source,
      content.evidenceDate,
      content.value,
      content.periodStart,
      content.periodEnd,
      content.judgement,
      content.fileId,
      content.consentQuote,
      content.consentPublish,
      content.anonymised,
    ],
  );
  return rows.length === 1;
}
