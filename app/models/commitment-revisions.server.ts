import type { Tx } from "~/platform/db.server";
import type { ResponsibleParty } from "~/domain/responsible-parties";
import { SYSTEM_ACTOR_NAME, UNSEEN_ACTOR_NAME } from "~/domain/audit";

/**
 * A commitment's revisions: what a signatory signs. The database writes one for every change of
 * wording, responsible parties, lead organisation or due date (app.commitment_revision_recorded);
 * nothing here writes them.
 */
export type CommitmentRevision = {
  number: number;
  text: string;
  responsibleParties: ResponsibleParty[];
  leadOrganisationId: string | null;
  leadOrganisationName: string | null;
  dueDate: string | null;
  contentHash: string;
  /** Who made the change; "Someone" to a reader who may not see their profile. */
  authorName: string;
  createdAt: string;
};

/** Every revision of a commitment, newest first (a commitment has few; each is short). */
export async function listRevisions(tx: Tx, strategyId: string, commitmentId: string): Promise<CommitmentRevision[]> {
  const rows = await tx.query<CommitmentRevision & { createdAt: Date | string }>(
    `select r.number, r.text, r.responsible_parties as "responsibleParties",
            r.lead_organisation_id as "leadOrganisationId", o.name as "leadOrganisationName",
            to_char(r.due_date, 'YYYY-MM-DD') as "dueDate", r.content_hash as "contentHash",
            case when r.created_by is null then $3::text else coalesce(p.chosen_name, p.display_name, $4::text) end as "authorName",
            r.created_at as "createdAt"
       from public.commitment_revisions r
       left join public.organisations o on o.id = r.lead_organisation_id
       left join public.profiles p on p.id = r.created_by
      where r.strategy_id = $1 and r.commitment_id = $2
      order by r.number desc`,
    [strategyId, commitmentId, SYSTEM_ACTOR_NAME, UNSEEN_ACTOR_NAME],
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}
