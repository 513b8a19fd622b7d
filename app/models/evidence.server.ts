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

/** One item with what only its own page shows. */
export type EvidenceDetail = EvidenceItem & {
  body: string;
  fileByteSize: number | null;
  fileContentType: string | null;
  reviewedByName: string | null;
  reviewedAt: Date | null;
  updatedAt: Date;
  importBatchId: string | null;
};

// An anonymised story's author is named only to reviewers and to the author: decided here, in SQL,
// so a name that must not be shown never leaves the database.
const evidenceColumns = `e.id, e.strategy_id as "strategyId", e.kind, e.category, e.measure_id as "measureId",
  e.commitment_id as "commitmentId", e.priority_id as "priorityId", e.title, e.source,
  to_char(e.evidence_date, 'YYYY-MM-DD') as "evidenceDate", e.value::float8 as value,
  to_char(e.period_start, 'YYYY-MM-DD') as "periodStart", to_char(e.period_end, 'YYYY-MM-DD') as "periodEnd",
  e.judgement, e.file_id as "fileId", f.file_name as "fileName", e.status, e.review_note as "reviewNote",
  e.submitted_by as "submittedBy",
  case when e.kind = 'story' and e.anonymised
        and not (app.can_review_evidence(e.strategy_id) or e.submitted_by is not distinct from auth.uid())
       then null else coalesce(sp.chosen_name, sp.display_name) end as "submittedByName",
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
 * and rejected ones do not count at all. Only what the reader may see is counted.
 */
export async function evidenceCategoryCounts(tx: Tx, priorityId: string): Promise<CategoryCount[]> {
  return tx.query<CategoryCount>(
    `select e.category,
            (count(*) filter (where e.status = 'verified'))::int as verified,
            (count(*) filter (where e.status = 'submitted'))::int as unverified
       from public.evidence e
      where e.status in ('verified', 'submitted')
        and (e.priority_id = $1
          or e.commitment_id in (select c.id from public.commitments c where c.priority_id = $1)
          or e.measure_id in (
            select l.measure_id from public.measure_links l
             where l.priority_id = $1
                or l.commitment_id in (select c.id from public.commitments c where c.priority_id = $1)))
      group by e.category
      order by e.category`,
    [priorityId],
  );
}
