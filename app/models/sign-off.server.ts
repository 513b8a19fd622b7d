import type { Tx } from "~/platform/db.server";
import type { ResponsibleParty } from "~/domain/responsible-parties";
import type { SignOffDecision, SignOffState } from "~/domain/sign-off";

/**
 * Partner sign-off of commitments: who must sign each one off, the requests, the decisions, the
 * default organisations and what is waiting for a signatory. The states and the agreed rule come
 * from the database (`public.sign_off_cells`, `app.commitment_is_signed_off`), never worked out here.
 */

/** One required organisation of a commitment, and where its sign-off stands. */
export type SignOffCell = {
  commitmentId: string;
  organisationId: string;
  organisationName: string;
  /** The name people say ("ADASS"): the short name when there is one. */
  organisationShortName: string;
  currentRevision: number;
  requestedRevision: number | null;
  requestedAt: Date | null;
  decisionId: string | null;
  decidedRevision: number | null;
  decision: SignOffDecision | null;
  conditions: string | null;
  reason: string | null;
  signedByName: string | null;
  signedAt: Date | null;
  state: SignOffState;
  /** Asked on the current revision and not yet decided on it. */
  awaitingDecision: boolean;
};

const cellColumns = `c.commitment_id as "commitmentId", c.organisation_id as "organisationId",
  o.name as "organisationName", coalesce(o.short_name, o.name) as "organisationShortName",
  c.current_revision as "currentRevision", c.requested_revision as "requestedRevision", c.requested_at as "requestedAt",
  c.decision_id as "decisionId", c.decided_revision as "decidedRevision", c.decision, c.conditions, c.reason,
  nullif(c.signed_by_name, '') as "signedByName", c.signed_at as "signedAt", c.state,
  coalesce(c.awaiting_decision, false) as "awaitingDecision"`;

/** The organisations that must sign off one commitment, each with its state, by name. */
export async function listSignOffCells(tx: Tx, commitmentId: string): Promise<SignOffCell[]> {
  return tx.query<SignOffCell>(
    `select ${cellColumns}
       from public.sign_off_cells c
       join public.organisations o on o.id = c.organisation_id
      where c.commitment_id = $1
      order by lower(o.name)`,
    [commitmentId],
  );
}

/** A commitment's current revision number and whether it is signed off (the database's one rule). */
export async function getSignOffStanding(tx: Tx, commitmentId: string): Promise<{ revision: number; agreed: boolean } | undefined> {
  return tx.one<{ revision: number; agreed: boolean }>(
    `select c.revision, app.commitment_is_signed_off(c.id) as agreed from public.commitments c where c.id = $1`,
    [commitmentId],
  );
}

/** The revision a signatory signs: the commitment's current wording, parties, lead and date, read together with its number. */
export type CommitmentRevision = {
  number: number;
  text: string;
  responsibleParties: ResponsibleParty[];
  leadOrganisationName: string | null;
  dueDate: string | null;
  contentHash: string;
};

/** The commitment's current revision, in one read, so the number shown is the number of the words shown. */
export async function getCurrentRevision(tx: Tx, commitmentId: string): Promise<CommitmentRevision | undefined> {
  return tx.one<CommitmentRevision>(
    `select r.number, r.text, r.responsible_parties as "responsibleParties", o.name as "leadOrganisationName",
            to_char(r.due_date, 'YYYY-MM-DD') as "dueDate", r.content_hash as "contentHash"
       from public.commitments c
       join public.commitment_revisions r on r.commitment_id = c.id and r.number = c.revision
       left join public.organisations o on o.id = r.lead_organisation_id
      where c.id = $1`,
    [commitmentId],
  );
}

/** A decision that is no longer the one that counts: on an earlier revision, or by an organisation no longer asked. */
export type EarlierDecision = {
  id: string;
  organisationName: string;
  organisationShortName: string;
  revision: number;
  decision: SignOffDecision;
  conditions: string | null;
  reason: string | null;
  signedByName: string | null;
  signedAt: Date;
};

/**
 * Decisions on a revision older than the commitment's current one (stale), and those of
 * organisations no longer asked, newest first. Objections stay on the record with their reasons.
 */
export async function listEarlierDecisions(tx: Tx, commitmentId: string): Promise<EarlierDecision[]> {
  return tx.query<EarlierDecision>(
    `select d.id, o.name as "organisationName", coalesce(o.short_name, o.name) as "organisationShortName",
            d.revision, d.decision, d.conditions, d.reason, nullif(d.signed_by_name, '') as "signedByName", d.signed_at as "signedAt"
       from public.sign_off_decisions d
       join public.commitments c on c.id = d.commitment_id
       join public.organisations o on o.id = d.organisation_id
      where d.commitment_id = $1
        and (d.revision < c.revision
             or not exists (select 1 from public.sign_off_organisations so
                             where so.commitment_id = d.commitment_id and so.organisation_id = d.organisation_id))
      order by d.signed_at desc, d.revision desc`,
    [commitmentId],
  );
}

/** The ids of the organisations that must sign off a commitment. */
export async function listRequiredOrganisationIds(tx: Tx, commitmentId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    "select organisation_id as id from public.sign_off_organisations where commitment_id = $1",
    [commitmentId],
  );
  return rows.map((r) => r.id);
}

/** Adds organisations that must sign off a commitment (RLS: facilitators); one already there is left alone. */
export async function insertRequiredOrganisations(
  tx: Tx,
  { strategyId, commitmentId, organisationIds }: { strategyId: string; commitmentId: string; organisationIds: string[] },
): Promise<void> {
  if (!organisationIds.length) return;
  await tx.query(
    `insert into public.sign_off_organisations (strategy_id, commitment_id, organisation_id)
     select $1, $2, unnest($3::uuid[])
     on conflict (commitment_id, organisation_id) do nothing`,
    [strategyId, commitmentId, organisationIds],
  );
}

/** Stops asking organisations to sign off a commitment (RLS: facilitators). Their decisions stay on the record. */
export async function deleteRequiredOrganisations(tx: Tx, commitmentId: string, organisationIds: string[]): Promise<void> {
  if (!organisationIds.length) return;
  await tx.query("delete from public.sign_off_organisations where commitment_id = $1 and organisation_id = any($2::uuid[])", [
    commitmentId,
    organisationIds,
  ]);
}

/**
 * Asks each of the organisations to sign off the commitment's current revision (the database sets
 * the revision). An organisation already asked about this revision is not asked twice. Returns
 * those asked now, with the revision.
 */
export async function insertSignOffRequests(
  tx: Tx,
  {
    strategyId,
    commitmentId,
    organisationIds,
    message,
  }: { strategyId: string; commitmentId: string; organisationIds: string[]; message: string },
): Promise<{ organisationId: string; revision: number }[]> {
  if (!organisationIds.length) return [];
  return tx.query<{ organisationId: string; revision: number }>(
    `insert into public.sign_off_requests (strategy_id, commitment_id, organisation_id, message)
     select $1, $2, unnest($3::uuid[]), $4
     on conflict (commitment_id, organisation_id, revision) do nothing
     returning organisation_id as "organisationId", revision`,
    [strategyId, commitmentId, organisationIds, message],
  );
}

export type DecisionRow = {
  strategyId: string;
  commitmentId: string;
  organisationId: string;
  /** The revision the signatory saw. */
  revision: number;
  decision: SignOffDecision;
  conditions: string | null;
  reason: string | null;
  signedBy: string;
};

/**
 * Records an organisation's decision on the revision the signatory saw. The database binds it to
 * that revision's content hash, waits for an edit in progress, and refuses a second decision for
 * the same organisation and revision (23505) or a person who does not sign for it (RLS, 42501).
 * Returns the decision and the commitment's revision once it is recorded.
 */
export async function insertSignOffDecision(tx: Tx, row: DecisionRow): Promise<{ id: string; currentRevision: number }> {
  const inserted = await tx.one<{ id: string }>(
    `insert into public.sign_off_decisions
       (strategy_id, commitment_id, organisation_id, revision, decision, conditions, reason, signed_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [row.strategyId, row.commitmentId, row.organisationId, row.revision, row.decision, row.conditions, row.reason, row.signedBy],
  );
  // A later statement sees any edit that committed while the insert waited for it.
  const current = await tx.one<{ revision: number }>("select revision from public.commitments where id = $1", [row.commitmentId]);
  return { id: inserted!.id, currentRevision: current!.revision };
}

/** One default organisation: for the whole strategy (no priority) or for one priority. */
export type SignOffDefault = { priorityId: string | null; organisationId: string };

/** A strategy's default organisations for new commitments. */
export async function listSignOffDefaults(tx: Tx, strategyId: string): Promise<SignOffDefault[]> {
  return tx.query<SignOffDefault>(
    `select priority_id as "priorityId", organisation_id as "organisationId" from public.sign_off_defaults where strategy_id = $1`,
    [strategyId],
  );
}

/** Adds default organisations for the strategy (priorityId null) or a priority; ones already there are left alone. */
export async function insertSignOffDefaults(
  tx: Tx,
  { strategyId, priorityId, organisationIds }: { strategyId: string; priorityId: string | null; organisationIds: string[] },
): Promise<void> {
  if (!organisationIds.length) return;
  await tx.query(
    `insert into public.sign_off_defaults (strategy_id, priority_id, organisation_id)
     select $1, $2, unnest($3::uuid[])
     on conflict on constraint sign_off_defaults_unique do nothing`,
    [strategyId, priorityId, organisationIds],
  );
}

/** Removes default organisations of the strategy (priorityId null) or of a priority. */
export async function deleteSignOffDefaults(
  tx: Tx,
  { strategyId, priorityId, organisationIds }: { strategyId: string; priorityId: string | null; organisationIds: string[] },
): Promise<void> {
  if (!organisationIds.length) return;
  await tx.query(
    `delete from public.sign_off_defaults
      where strategy_id = $1 and priority_id is not distinct from $2 and organisation_id = any($3::uuid[])`,
    [strategyId, priorityId, organisationIds],
  );
}

/** The organisations that have at least one designated signatory in the strategy. */
export async function listOrganisationIdsWithSignatory(tx: Tx, strategyId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `select distinct organisation_id as id from public.member_roles
      where strategy_id = $1 and role = 'signatory' and organisation_id is not null`,
    [strategyId],
  );
  return rows.map((r) => r.id);
}

/** A commitment waiting for a decision from one of the current person's organisations. */
export type WaitingItem = {
  commitmentId: string;
  commitmentText: string;
  organisationId: string;
  organisationName: string;
  organisationShortName: string;
  priorityId: string;
  priorityTitle: string;
  /** The priority's number among the strategy's current priorities. */
  priorityNumber: number;
  currentRevision: number;
  requestedAt: Date;
  /** Set when the organisation signed an earlier revision: its decision is out of date. */
  decidedRevision: number | null;
  decision: SignOffDecision | null;
};

// Asked on the current revision and not yet decided, for an organisation the person signs for,
// on a commitment and priority that are not archived.
const waitingFrom = `from public.sign_off_cells c
  join public.commitments cm on cm.id = c.commitment_id
  join public.priorities p on p.id = cm.priority_id
  join public.organisations o on o.id = c.organisation_id
 where c.strategy_id = $1 and c.awaiting_decision
   and app.is_signatory_for(c.strategy_id, c.organisation_id)
   and cm.archived_at is null and p.archived_at is null`;

/** What is waiting for the current person's organisations, by organisation, then priority and commitment order. */
export async function listWaitingForMe(tx: Tx, strategyId: string): Promise<WaitingItem[]> {
  return tx.query<WaitingItem>(
    `select c.commitment_id as "commitmentId", cm.text as "commitmentText", c.organisation_id as "organisationId",
            o.name as "organisationName", coalesce(o.short_name, o.name) as "organisationShortName",
            p.id as "priorityId", p.title as "priorityTitle",
            (select count(*)::int from public.priorities p2
              where p2.strategy_id = p.strategy_id and p2.archived_at is null and p2.position <= p.position) as "priorityNumber",
            c.current_revision as "currentRevision", c.requested_at as "requestedAt",
            c.decided_revision as "decidedRevision", c.decision
       ${waitingFrom}
      order by lower(o.name), p.position, cm.position`,
    [strategyId],
  );
}

/** How many decisions are waiting for the current person's organisations (the navigation's count). */
export async function countWaitingForMe(tx: Tx, strategyId: string): Promise<number> {
  const row = await tx.one<{ count: number }>(`select count(*)::int as count ${waitingFrom}`, [strategyId]);
  return row?.count ?? 0;
}

/** What a sign-off email is about: the strategy and the commitment. */
export type SignOffNoticeSubject = { strategyTitle: string; commitmentText: string };

/** The strategy's title and the commitment's wording, for an email. */
export async function getNoticeSubject(tx: Tx, commitmentId: string): Promise<SignOffNoticeSubject | undefined> {
  return tx.one<SignOffNoticeSubject>(
    `select s.title as "strategyTitle", c.text as "commitmentText"
       from public.commitments c join public.strategies s on s.id = c.strategy_id
      where c.id = $1`,
    [commitmentId],
  );
}

/** A request as an email tells it. */
export type RequestNotice = {
  organisationId: string;
  organisationName: string;
  revision: number;
  message: string;
  askedAgain: boolean;
  requestedByName: string | null;
};

/** The requests of a commitment on one revision, optionally only some organisations'. */
export async function listRequestNotices(
  tx: Tx,
  { commitmentId, revision, organisationIds }: { commitmentId: string; revision: number; organisationIds?: string[] },
): Promise<RequestNotice[]> {
  return tx.query<RequestNotice>(
    `select q.organisation_id as "organisationId", o.name as "organisationName", q.revision, q.message,
            q.asked_again as "askedAgain", coalesce(p.chosen_name, p.display_name) as "requestedByName"
       from public.sign_off_requests q
       join public.organisations o on o.id = q.organisation_id
       left join public.profiles p on p.id = q.requested_by
      where q.commitment_id = $1 and q.revision = $2 and ($3::uuid[] is null or q.organisation_id = any($3::uuid[]))
      order by lower(o.name)`,
    [commitmentId, revision, organisationIds ?? null],
  );
}

/** A decision as an email tells it. */
export type DecisionNotice = {
  organisationName: string;
  revision: number;
  currentRevision: number;
  decision: SignOffDecision;
  conditions: string | null;
  reason: string | null;
  signedBy: string;
  signedByName: string;
};

/** One decision, for an email. */
export async function getDecisionNotice(tx: Tx, decisionId: string): Promise<DecisionNotice | undefined> {
  return tx.one<DecisionNotice>(
    `select o.name as "organisationName", d.revision, c.revision as "currentRevision", d.decision, d.conditions, d.reason,
            d.signed_by as "signedBy", d.signed_by_name as "signedByName"
       from public.sign_off_decisions d
       join public.organisations o on o.id = d.organisation_id
       join public.commitments c on c.id = d.commitment_id
      where d.id = $1`,
    [decisionId],
  );
}

/** Someone to email, from auth.users. */
export type Recipient = { userId: string; email: string; name: string };

/**
 * The email addresses of a strategy's facilitators, or of an organisation's designated
 * signatories in it. Addresses live in auth.users, which only the service role reads: call this
 * inside `db.asService("sign-off notifications: …")`.
 */
export async function listSignOffRecipients(
  tx: Tx,
  strategyId: string,
  who: { role: "facilitator" } | { role: "signatory"; organisationId: string },
): Promise<Recipient[]> {
  return tx.query<Recipient>(
    `select distinct u.id as "userId", u.email, coalesce(p.chosen_name, p.display_name, u.email) as name
       from public.member_roles r
       join auth.users u on u.id = r.user_id
       left join public.profiles p on p.id = r.user_id
      where r.strategy_id = $1 and r.role = $2 and ($3::uuid is null or r.organisation_id = $3)
        and u.email is not null
      order by u.email`,
    [strategyId, who.role, who.role === "signatory" ? who.organisationId : null],
  );
}
