import type { Tx } from "~/platform/db.server";
import type { CommitmentStatus } from "~/domain/strategy";
import type { ResponsibleParty } from "~/domain/responsible-parties";
import type { SignOffDecision, SignOffState } from "~/domain/sign-off";
import type { SignOffMatrixFilter } from "~/domain/sign-off-matrix";

/**
 * The sign-off matrix: a strategy's current commitments (rows) and, for each organisation asked
 * to sign one off, the state of that cell. The states come from the view public.sign_off_cells
 * and "agreed" from app.commitment_is_signed_off, so this page, the commitment page and the RLS
 * agree; nothing is worked out again here.
 */

/** One row: a current commitment (not archived, in a current priority). */
export type SignOffMatrixRow = {
  id: string;
  priorityId: string;
  /** Its priority's place among the strategy's current priorities, as the pages number them. */
  priorityNumber: number;
  priorityTitle: string;
  text: string;
  revision: number;
  responsibleParties: ResponsibleParty[];
  status: CommitmentStatus;
  /** Every organisation asked has endorsed the current revision (and at least one is asked). */
  agreed: boolean;
  organisationCount: number;
};

/** One cell: an organisation asked to sign off a commitment, and where that stands. */
export type SignOffMatrixCell = {
  commitmentId: string;
  organisationId: string;
  organisationName: string;
  organisationShortName: string | null;
  state: SignOffState;
  currentRevision: number;
  requestedRevision: number | null;
  decidedRevision: number | null;
  decision: SignOffDecision | null;
  conditions: string | null;
  reason: string | null;
  signedByName: string | null;
  signedAt: string | null;
};

const currentCommitments = `from public.commitments c
  join public.priorities p on p.id = c.priority_id
 where c.strategy_id = $1 and c.archived_at is null and p.archived_at is null`;

/**
 * The matrix's rows in priority then commitment order, filtered by priority, responsible party,
 * and a cell state (commitments with at least one organisation in that state).
 */
export async function listSignOffMatrixRows(tx: Tx, strategyId: string, filter: SignOffMatrixFilter = {}): Promise<SignOffMatrixRow[]> {
  return tx.query<SignOffMatrixRow>(
    `select c.id, c.priority_id as "priorityId",
            (select count(*)::int from public.priorities q
              where q.strategy_id = p.strategy_id and q.archived_at is null and q.position <= p.position) as "priorityNumber",
            p.title as "priorityTitle", c.text, c.revision, c.responsible_parties as "responsibleParties", c.status,
            app.commitment_is_signed_off(c.id) as agreed,
            (select count(*)::int from public.sign_off_organisations o where o.commitment_id = c.id) as "organisationCount"
       ${currentCommitments}
        and ($2::uuid is null or c.priority_id = $2)
        and ($3::text is null or $3 = any(c.responsible_parties))
        and ($4::text is null or exists (select 1 from public.sign_off_cells x where x.commitment_id = c.id and x.state = $4))
      order by p.position, c.position`,
    [strategyId, filter.priority ?? null, filter.party ?? null, filter.state ?? null],
  );
}

/** How many current commitments there are, and how many are agreed. */
export async function countAgreedCommitments(tx: Tx, strategyId: string): Promise<{ total: number; agreed: number }> {
  const row = await tx.one<{ total: number; agreed: number }>(
    `select count(*)::int as total, count(*) filter (where app.commitment_is_signed_off(c.id))::int as agreed
       ${currentCommitments}`,
    [strategyId],
  );
  return row!;
}

/** Every cell of the strategy's current commitments, in the matrix's order, organisations by name. */
export async function listSignOffMatrixCells(tx: Tx, strategyId: string): Promise<SignOffMatrixCell[]> {
  const rows = await tx.query<SignOffMatrixCell & { signedAt: Date | string | null }>(
    `select x.commitment_id as "commitmentId", x.organisation_id as "organisationId",
            org.name as "organisationName", org.short_name as "organisationShortName", x.state,
            x.current_revision as "currentRevision", x.requested_revision as "requestedRevision",
            x.decided_revision as "decidedRevision", x.decision, x.conditions, x.reason,
            nullif(x.signed_by_name, '') as "signedByName", x.signed_at as "signedAt"
       from public.sign_off_cells x
       join public.commitments c on c.id = x.commitment_id
       join public.priorities p on p.id = c.priority_id
       join public.organisations org on org.id = x.organisation_id
      where x.strategy_id = $1 and c.archived_at is null and p.archived_at is null
      order by p.position, c.position, lower(org.name)`,
    [strategyId],
  );
  return rows.map((r) => ({ ...r, signedAt: r.signedAt === null ? null : new Date(r.signedAt).toISOString() }));
}
