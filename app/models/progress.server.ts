import type { Tx } from "~/platform/db.server";
import type { CategoryCount, EvidenceCategory, EvidenceKind } from "~/domain/evidence";
import type { ResponsibleParty } from "~/domain/responsible-parties";
import type { SignOffDecision } from "~/domain/sign-off";
import { evidenceCategoryCounts } from "./evidence.server";
import { listDataPoints, listMeasuresForPriority, type DataPoint, type Measure } from "./measures.server";
import { listPriorities } from "./priorities.server";
import { listPublications, type PublicationSummary } from "./publications.server";
import { getStrategy, type Strategy } from "./strategies.server";

/**
 * The public progress of a strategy. Nothing here decides what is public: every query runs
 * under the reader's Row Level Security, and the progress page always reads as a visitor (anon),
 * so it shows what the public may see and nothing else. Nothing is filtered again in JavaScript.
 */

/** One organisation's decision on the revision of a commitment that is current. */
export type AgreedSignOff = {
  organisationName: string;
  decision: SignOffDecision;
  /** The signatory's name as it was recorded with the decision. */
  signedByName: string;
  signedAt: string;
  conditions: string | null;
};

/** A commitment every organisation asked has endorsed in its current revision (app.commitment_is_signed_off). */
export type AgreedCommitment = {
  id: string;
  priorityId: string;
  text: string;
  responsibleParties: ResponsibleParty[];
  leadOrganisationName: string | null;
  dueDate: string | null;
  revision: number;
  signOffs: AgreedSignOff[];
};

/**
 * The strategy's agreed commitments in order, by the one rule of agreement, each with the
 * decisions on its current revision (earlier, out-of-date decisions are not part of it).
 */
export async function listAgreedCommitments(tx: Tx, strategyId: string): Promise<AgreedCommitment[]> {
  return tx.query<AgreedCommitment>(
    `select c.id, c.priority_id as "priorityId", c.text, c.responsible_parties as "responsibleParties",
            lo.name as "leadOrganisationName", to_char(c.due_date, 'YYYY-MM-DD') as "dueDate", c.revision,
            coalesce((
              select jsonb_agg(jsonb_build_object(
                       'organisationName', org.name, 'decision', d.decision, 'signedByName', d.signed_by_name,
                       'signedAt', d.signed_at, 'conditions', d.conditions)
                     order by org.name)
                from public.sign_off_decisions d
                join public.organisations org on org.id = d.organisation_id
               where d.commitment_id = c.id and d.revision = c.revision
                 and exists (select 1 from public.sign_off_organisations o
                              where o.commitment_id = c.id and o.organisation_id = d.organisation_id)
            ), '[]'::jsonb) as "signOffs"
       from public.commitments c
       join public.priorities p on p.id = c.priority_id
       left join public.organisations lo on lo.id = c.lead_organisation_id
      where c.strategy_id = $1 and c.archived_at is null and p.archived_at is null
        and app.commitment_is_signed_off(c.id)
      order by p.position, c.position`,
    [strategyId],
  );
}

/** A piece of evidence as the progress page shows it. */
export type ProgressEvidence = {
  id: string;
  kind: EvidenceKind;
  category: EvidenceCategory;
  title: string;
  /** What a story or feedback says; empty for data points and documents, whose value or file says it. */
  body: string;
  source: string;
  evidenceDate: string;
};

/**
 * The evidence the reader may see on a priority, its commitments and the measures linked to
 * either (the scope of its triangulation), newest first, at most `limit` items, and how many there
 * are in all. Data points are left out: the measures' charts and tables show them.
 */
export async function listPriorityEvidence(
  tx: Tx,
  priorityId: string,
  limit: number,
): Promise<{ items: ProgressEvidence[]; total: number }> {
  const scope = `from public.evidence e
      where e.kind <> 'data_point'
        and (e.priority_id = $1
          or e.commitment_id in (select c.id from public.commitments c where c.priority_id = $1 and c.archived_at is null)
          or e.measure_id in (
            select l.measure_id from public.measure_links l
             where l.priority_id = $1
                or l.commitment_id in (select c.id from public.commitments c where c.priority_id = $1 and c.archived_at is null)))`;
  const items = await tx.query<ProgressEvidence>(
    `select e.id, e.kind, e.category, e.title,
            case when e.kind in ('story', 'feedback') then e.body else '' end as body,
            e.source, to_char(e.evidence_date, 'YYYY-MM-DD') as "evidenceDate"
       ${scope}
      order by e.evidence_date desc, e.created_at desc, e.id
      limit $2`,
    [priorityId, limit],
  );
  const count = await tx.one<{ total: number }>(`select count(*)::int as total ${scope}`, [priorityId]);
  return { items, total: count!.total };
}

export type ProgressMeasure = Measure & { dataPoints: DataPoint[] };

export type ProgressPriority = {
  id: string;
  number: number;
  title: string;
  summary: string;
  commitments: AgreedCommitment[];
  measures: ProgressMeasure[];
  triangulation: CategoryCount[];
  evidence: ProgressEvidence[];
  evidenceTotal: number;
};

export type Progress = {
  strategy: Strategy;
  latestPublication: PublicationSummary | null;
  priorities: ProgressPriority[];
};

/** How many pieces of evidence each priority lists (the rest are counted). */
export const EVIDENCE_SHOWN_PER_PRIORITY = 10;

/**
 * A strategy's progress as the reader may see it: the latest published version, each current
 * priority with its agreed commitments, its measures (status and data points) and its evidence.
 * Undefined when the reader may not read the strategy.
 */
export async function loadProgress(tx: Tx, strategyId: string): Promise<Progress | undefined> {
  const strategy = await getStrategy(tx, strategyId);
  if (!strategy) return undefined;
  const [latestPublication = null] = await listPublications(tx, strategyId);
  const agreed = await listAgreedCommitments(tx, strategyId);
  const priorities: ProgressPriority[] = [];
  for (const [i, p] of (await listPriorities(tx, strategyId)).entries()) {
    const measures: ProgressMeasure[] = [];
    for (const m of await listMeasuresForPriority(tx, p.id)) measures.push({ ...m, dataPoints: await listDataPoints(tx, m.id) });
    const evidence = await listPriorityEvidence(tx, p.id, EVIDENCE_SHOWN_PER_PRIORITY);
    priorities.push({
      id: p.id,
      number: i + 1,
      title: p.title,
      summary: p.summary,
      commitments: agreed.filter((c) => c.priorityId === p.id),
      measures,
      triangulation: await evidenceCategoryCounts(tx, p.id),
      evidence: evidence.items,
      evidenceTotal: evidence.total,
    });
  }
  return { strategy, latestPublication, priorities };
}
