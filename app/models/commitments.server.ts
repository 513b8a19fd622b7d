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

export type CommitmentDetails = {
  text: string;
  responsibleParties: ResponsibleParty[];
  leadOrganisationId: string | null;
  dueDate: string | null;
  status: CommitmentStatus;
};

/**
 * Holds a priority's row until commit so that changes to the order of its commitments take
 * turns (positions are read, then written). RLS lets only facilitators lock it.
 */
export async function lockCommitmentOrder(tx: Tx, priorityId: string): Promise<void> {
  await tx.query("select id from public.priorities where id = $1 for no key update", [priorityId]);
}

/** The position after the priority's last commitment, archived ones included (positions stay unique). */
export async function nextCommitmentPosition(tx: Tx, priorityId: string): Promise<number> {
  const row = await tx.one<{ next: number }>(
    "select coalesce(max(position), 0)::int + 1 as next from public.commitments where priority_id = $1",
    [priorityId],
  );
  return row!.next;
}

/** Inserts a commitment at a position under a priority; returns its id. */
export async function insertCommitment(
  tx: Tx,
  input: CommitmentDetails & { strategyId: string; priorityId: string; position: number; createdBy: string },
): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `insert into public.commitments
       (strategy_id, priority_id, position, text, responsible_parties, lead_organisation_id, due_date, status, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [
      input.strategyId,
      input.priorityId,
      input.position,
      input.text,
      input.responsibleParties,
      input.leadOrganisationId,
      input.dueDate,
      input.status,
      input.createdBy,
    ],
  );
  return row!.id;
}

/**
 * Changes a commitment's details and, in the same statement (so the history shows one change),
 * its priority; a null position keeps its place. Returns false when no such commitment could be changed.
 */
export async function updateCommitmentDetails(
  tx: Tx,
  strategyId: string,
  id: string,
  input: CommitmentDetails & { priorityId: string; position: number | null },
): Promise<boolean> {
  const rows = await tx.query(
    `update public.commitments
        set text = $3, responsible_parties = $4, lead_organisation_id = $5, due_date = $6, status = $7,
            priority_id = $8, position = coalesce($9, position)
      where strategy_id = $1 and id = $2 returning id`,
    [
      strategyId,
      id,
      input.text,
      input.responsibleParties,
      input.leadOrganisationId,
      input.dueDate,
      input.status,
      input.priorityId,
      input.position,
    ],
  );
  return rows.length === 1;
}

/** Archives or restores a commitment; archiving twice keeps the first date. False when not changed. */
export async function setCommitmentArchived(tx: Tx, strategyId: string, id: string, archived: boolean): Promise<boolean> {
  const rows = await tx.query(
    `update public.commitments
        set archived_at = case when $3 then coalesce(archived_at, now()) else null end
      where strategy_id = $1 and id = $2 returning id`,
    [strategyId, id, archived],
  );
  return rows.length === 1;
}

/** The nearest current (not archived) commitment of the priority before or after a position, if any. */
export async function findCommitmentNeighbour(
  tx: Tx,
  priorityId: string,
  position: number,
  direction: "up" | "down",
): Promise<{ id: string; position: number } | undefined> {
  return tx.one<{ id: string; position: number }>(
    direction === "up"
      ? `select id, position from public.commitments
          where priority_id = $1 and archived_at is null and position < $2 order by position desc limit 1`
      : `select id, position from public.commitments
          where priority_id = $1 and archived_at is null and position > $2 order by position limit 1`,
    [priorityId, position],
  );
}

/** Puts a commitment at a position (the unique check waits for commit, so two can swap). */
export async function setCommitmentPosition(tx: Tx, id: string, position: number): Promise<boolean> {
  const rows = await tx.query("update public.commitments set position = $2 where id = $1 returning id", [id, position]);
  return rows.length === 1;
}

/** Closes the gap a commitment leaves behind when it moves to another priority. */
export async function closeCommitmentGap(tx: Tx, priorityId: string, position: number): Promise<void> {
  await tx.query("update public.commitments set position = position - 1 where priority_id = $1 and position > $2", [
    priorityId,
    position,
  ]);
}
