import type { Tx } from "~/platform/db.server";
import type { StatementBody } from "~/domain/statement-content";
import { ROLE_GROUPS, type RoleGroup } from "~/domain/statements";

/**
 * The collaboration server's reads and writes: the stored Yjs document of a statement, the text
 * derived from it, who wrote what, and the audit of collaborative edits. Only the service role
 * reaches statement_documents, so every function here expects a service-role transaction.
 */

export type StoredDocument = {
  statementId: string;
  strategyId: string;
  /** The stored Yjs state, or null when the statement has never been edited live. */
  state: Uint8Array | null;
  /** The derived content on the statement row: the seed when there is no Yjs state yet. */
  bodyJson: StatementBody;
  contentHash: string;
  contentVersion: number;
};

/** A statement's stored document and derived content, or undefined when there is no such statement. */
export async function getStoredDocument(tx: Tx, statementId: string): Promise<StoredDocument | undefined> {
  const row = await tx.one<Omit<StoredDocument, "state"> & { state: Buffer | null }>(
    `select s.id as "statementId", s.strategy_id as "strategyId", d.state, s.body_json as "bodyJson",
            s.content_hash as "contentHash", s.content_version as "contentVersion"
       from public.statements s left join public.statement_documents d on d.statement_id = s.id
      where s.id = $1`,
    [statementId],
  );
  if (!row) return undefined;
  return { ...row, state: row.state ? new Uint8Array(row.state) : null };
}

/** Locks the statement row for this transaction and returns its strategy and current content hash. */
export async function lockStatementContent(tx: Tx, statementId: string) {
  return tx.one<{ strategyId: string; contentHash: string; contentVersion: number }>(
    `select strategy_id as "strategyId", content_hash as "contentHash", content_version as "contentVersion"
       from public.statements where id = $1 for update`,
    [statementId],
  );
}

/** Stores the Yjs state of a statement, replacing the previous one. */
export async function upsertStatementDocument(tx: Tx, statementId: string, strategyId: string, state: Uint8Array) {
  await tx.query(
    `insert into public.statement_documents (statement_id, strategy_id, state, byte_size, stored_at)
     values ($1, $2, $3, $4, now())
     on conflict (statement_id) do update set state = excluded.state, byte_size = excluded.byte_size, stored_at = now()`,
    [statementId, strategyId, Buffer.from(state), state.byteLength],
  );
}

/** Replaces the derived content and counts a new content version; returns that version. */
export async function updateStatementContent(
  tx: Tx,
  statementId: string,
  content: { bodyJson: StatementBody; bodyText: string; contentHash: string },
): Promise<number> {
  const row = await tx.one<{ contentVersion: number }>(
    `update public.statements
        set body_json = $2, body_text = $3, content_hash = $4, content_version = content_version + 1,
            content_updated_at = now()
      where id = $1
      returning content_version as "contentVersion"`,
    [statementId, JSON.stringify(content.bodyJson), content.bodyText, content.contentHash],
  );
  if (!row) throw new Error(`No statement ${statementId} to update`);
  return row.contentVersion;
}

export type Contribution = {
  userId: string;
  roleGroup: RoleGroup;
  charsAdded: number;
  charsRemoved: number;
  edits: number;
  /** When the writing was done; now when not given. */
  firstAt?: Date;
  lastAt?: Date;
};

/** Adds measured writing to each person's running totals for the statement. */
export async function addContributions(tx: Tx, strategyId: string, statementId: string, contributions: Contribution[]) {
  for (const c of contributions) {
    await tx.query(
      `insert into public.statement_contributions
         (strategy_id, statement_id, user_id, role_group, chars_added, chars_removed, edits, first_at, last_at)
       values ($1, $2, $3, $4, $5, $6, $7, coalesce($8, now()), coalesce($9, now()))
       on conflict (statement_id, user_id, role_group) do update
         set chars_added = public.statement_contributions.chars_added + excluded.chars_added,
             chars_removed = public.statement_contributions.chars_removed + excluded.chars_removed,
             edits = public.statement_contributions.edits + excluded.edits,
             last_at = greatest(public.statement_contributions.last_at, excluded.last_at)`,
      [strategyId, statementId, c.userId, c.roleGroup, c.charsAdded, c.charsRemoved, c.edits, c.firstAt ?? null, c.lastAt ?? null],
    );
  }
}

/** The stored Yjs state of a statement, or null when it has none yet. */
export async function getDocumentState(tx: Tx, statementId: string): Promise<Uint8Array | null> {
  const row = await tx.one<{ state: Buffer }>(`select state from public.statement_documents where statement_id = $1`, [statementId]);
  return row ? new Uint8Array(row.state) : null;
}

/** Whether a statement exists at all, whoever may read it (asked as the service role). */
export async function statementExists(tx: Tx, statementId: string): Promise<boolean> {
  return Boolean(await tx.one(`select 1 from public.statements where id = $1`, [statementId]));
}

/** The group a person's writing counts for in this strategy (app.role_group answers a person about themselves). */
export async function getRoleGroup(tx: Tx, strategyId: string, userId: string): Promise<RoleGroup> {
  const row = await tx.one<{ group: string | null }>(`select app.role_group($1, $2) as "group"`, [strategyId, userId]);
  return (ROLE_GROUPS as readonly string[]).includes(row?.group ?? "") ? (row!.group as RoleGroup) : "other";
}

/** Writes an audit entry for a statement event that is not a row change (an edit, a restore). */
export async function auditStatementEvent(
  tx: Tx,
  event: { actorId: string | null; strategyId: string; statementId: string; action: "edited" | "restored"; details: object },
) {
  await tx.query(`select app.audit_event($1, $2, 'statement', $3, $4, $5)`, [
    event.actorId,
    event.strategyId,
    event.statementId,
    event.action,
    JSON.stringify(event.details),
  ]);
}
