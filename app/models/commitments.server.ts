import type { Tx } from "~/platform/db.server";
import type { ResponsibleParty } from "~/domain/responsible-parties";
import type { CommitmentStatus } from "~/domain/strategy";

export type Commitment = {
  id: string;
  strategyId: string;
  priorityId: string;
  priorityTitle: string;
  priorityPosition: number;
  position: number;
  text: string;
  responsibleParties: ResponsibleParty[];
  leadOrganisationId: string | null;
  leadOrganisationName: string | null;
  dueDate: string | null;
  status: CommitmentStatus;
  archivedAt: string | null;
};

const commitmentColumns = `c.id, c.strategy_id as "strategyId", c.priority_id as "priorityId",
  p.title as "priorityTitle", p.position as "priorityPosition", c.position, c.text,
  c.responsible_parties as "responsibleParties", c.lead_organisation_id as "leadOrganisationId",
  o.name as "leadOrganisationName", to_char(c.due_date, 'YYYY-MM-DD') as "dueDate", c.status,
  c.archived_at as "archivedAt"`;

const commitmentFrom = `from public.commitments c
  join public.priorities p on p.id = c.priority_id
  left join public.organisations o on o.id = c.lead_organisation_id`;

/** Commitments under one priority, in order; archived ones only when asked. */
export async function listCommitmentsForPriority(
  tx: Tx,
  priorityId: string,
  { includeArchived = false } = {},
): Promise<Commitment[]> {
  return tx.query<Commitment>(
    `select ${commitmentColumns} ${commitmentFrom}
      where c.priority_id = $1 and ($2 or c.archived_at is null)
      order by c.position`,
    [priorityId, includeArchived],
  );
}

/** All current commitments of a strategy, in priority then commitment order. */
export async function listCommitmentsForStrategy(tx: Tx, strategyId: string): Promise<Commitment[]> {
  return tx.query<Commitment>(
    `select ${commitmentColumns} ${commitmentFrom}
      where c.strategy_id = $1 and c.archived_at is null and p.archived_at is null
      order by p.position, c.position`,
    [strategyId],
  );
}

/** One commitment of a strategy, or undefined. */
export async function getCommitment(tx: Tx, strategyId: string, id: string): Promise<Commitment | undefined> {
  return tx.one<Commitment>(`select ${commitmentColumns} ${commitmentFrom} where c.strategy_id = $1 and c.id = $2`, [
    strategyId,
    id,
  ]);
}
