/**
 * Creating statements, changing their details, archiving them and linking them. Each function
 * runs inside the caller's transaction (one per request, as the person, so Row Level Security
 * applies) after the route has asked the policies; the audit log records every row these
 * change, by database trigger. The text itself is written live through the collaboration
 * server; only a new statement's first draft is stored here.
 */
import { addContributions, auditStatementEvent, getRoleGroup } from "~/models/statement-documents.server";
import { getCommitment } from "~/models/commitments.server";
import { getPriority } from "~/models/priorities.server";
import {
  deleteStatementLink,
  getStatement,
  insertStatement,
  insertStatementLink,
  listStatementLinks,
  setStatementArchived,
  updateStatementDetails,
  type StatementDetails,
  type StatementLinkTarget,
} from "~/models/statements.server";
import { storeBody } from "~/collab/document.server";
import { bodyToText } from "~/domain/statement-content";
import { plainTextToBody } from "~/domain/statement-form";
import type { Database, Tx } from "~/platform/db.server";

/** Creates a draft statement with an empty text; returns its id. */
export function createStatement(tx: Tx, userId: string, strategyId: string, details: StatementDetails): Promise<string> {
  return insertStatement(tx, { ...details, strategyId, createdBy: userId });
}

/**
 * Stores the first draft typed into the "new statement" form as the statement's text, and counts
 * it as the writing of the person who typed it (in their role group), as the collaboration
 * server counts what is typed live. The Yjs document is reachable only by the service role, so
 * this runs in its own service-role transaction after the statement was created as the person;
 * it does nothing if the statement already has a text (the editor got there first).
 */
export async function writeFirstDraft(
  db: Database,
  input: { strategyId: string; statementId: string; userId: string; text: string },
): Promise<boolean> {
  const body = plainTextToBody(input.text);
  const text = bodyToText(body);
  if (!text) return false;
  return db.asService("first draft of a new statement, typed by the person who created it", async (tx) => {
    const existing = await tx.one("select 1 from public.statement_documents where statement_id = $1", [input.statementId]);
    if (existing) return false;
    const stored = await storeBody(tx, input.statementId, body);
    const roleGroup = await getRoleGroup(tx, input.strategyId, input.userId);
    await addContributions(tx, input.strategyId, input.statementId, [
      { userId: input.userId, roleGroup, charsAdded: text.length, charsRemoved: 0, edits: 1 },
    ]);
    await auditStatementEvent(tx, {
      actorId: input.userId,
      strategyId: input.strategyId,
      statementId: input.statementId,
      action: "edited",
      details: { first_draft: true, content_version: stored.contentVersion, chars_added: text.length },
    });
    return true;
  });
}

export type DetailsOutcome = "saved" | "not_found" | "answers_i_statements" | "answered_by_we_statements";

/**
 * Changes a statement's kind, title and theme. A "we" statement that answers "I" statements
 * cannot become an "I" statement, nor an answered "I" statement a "we" one, while those links
 * stand (the database refuses it too); the outcome says which, for a message by the field.
 */
export async function updateStatement(tx: Tx, strategyId: string, statementId: string, details: StatementDetails): Promise<DetailsOutcome> {
  const statement = await getStatement(tx, strategyId, statementId);
  if (!statement) return "not_found";
  if (statement.kind !== details.kind) {
    const links = await listStatementLinks(tx, statementId);
    if (statement.kind === "we" && links.answers.length) return "answers_i_statements";
    if (statement.kind === "i" && links.answeredBy.length) return "answered_by_we_statements";
  }
  return (await updateStatementDetails(tx, strategyId, statementId, details)) ? "saved" : "not_found";
}

/** Archives a statement: it leaves the strategy's list, keeping its text, links and history. */
export function archiveStatement(tx: Tx, strategyId: string, statementId: string): Promise<boolean> {
  return setStatementArchived(tx, strategyId, statementId, true);
}

/** Restores an archived statement to the strategy's list. */
export function restoreStatement(tx: Tx, strategyId: string, statementId: string): Promise<boolean> {
  return setStatementArchived(tx, strategyId, statementId, false);
}

export type LinkOutcome = "linked" | "already_linked" | "not_found" | "target_not_found" | "only_we_answers";

/**
 * Links a statement to an "I" statement it answers (only a "we" statement can), a priority or a
 * commitment of the same strategy. Archived targets are not offered, and not accepted.
 */
export async function linkStatement(
  tx: Tx,
  userId: string,
  strategyId: string,
  statementId: string,
  target: StatementLinkTarget,
): Promise<LinkOutcome> {
  const statement = await getStatement(tx, strategyId, statementId);
  if (!statement) return "not_found";
  switch (target.kind) {
    case "i_statement": {
      if (statement.kind !== "we") return "only_we_answers";
      const answered = await getStatement(tx, strategyId, target.id);
      if (!answered || answered.kind !== "i" || answered.archivedAt) return "target_not_found";
      break;
    }
    case "priority": {
      const priority = await getPriority(tx, strategyId, target.id);
      if (!priority || priority.archivedAt) return "target_not_found";
      break;
    }
    case "commitment": {
      const commitment = await getCommitment(tx, strategyId, target.id);
      if (!commitment || commitment.archivedAt) return "target_not_found";
      break;
    }
  }
  const added = await insertStatementLink(tx, { strategyId, statementId, target, createdBy: userId });
  return added ? "linked" : "already_linked";
}

/** Removes a link that starts or ends at this statement. False when there is no such link. */
export function unlinkStatement(tx: Tx, strategyId: string, statementId: string, linkId: string): Promise<boolean> {
  return deleteStatementLink(tx, strategyId, statementId, linkId);
}
