import type { Tx } from "~/platform/db.server";
import type { StatementBody } from "~/domain/statement-content";
import { isAgreementBlocker, isTextEditable, type AgreementBlocker, type StatementStatus } from "~/domain/statements";
import { setStatementStatus } from "~/models/statements.server";
import { insertEndorsement } from "~/models/statement-endorsements.server";
import { databaseErrorCode, databaseHint } from "~/utils/db-errors.server";

/**
 * What the statement pages ask of the collaboration server (context.platform.collab): store the
 * live document now, replace its text as a new change, and make connected editors ask again
 * whether they may edit.
 */
export type StatementTextControl = {
  flush(statementId: string): Promise<unknown>;
  replaceBody(statementId: string, body: StatementBody, options: { userId: string }): Promise<unknown>;
  reauthorise(statementId: string): Promise<unknown>;
};

/** Runs a function in one transaction as the person acting (withDb), so RLS decides. */
type AsUser = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

// app.statement_endorsement_bookkeeping refuses an endorsement of text that is no longer current.
const TEXT_CHANGED = "40001";
// app.set_statement_status: a move the statement's status does not allow now (someone moved it first).
const MOVE_NOT_ALLOWED = "22023";
// app.set_statement_status: agreement is blocked; the hint names the blocker.
const CHECK_FAILED = "23514";

/**
 * Endorses the text the person read, named by its content hash. The live document is stored
 * first: if anyone has changed the text since the person loaded the page, the hash no longer
 * matches, the database refuses, and the answer is "changed" so the person can read it again.
 */
export async function endorseStatement(
  asUser: AsUser,
  collab: StatementTextControl,
  row: { strategyId: string; statementId: string; userId: string; contentHash: string },
): Promise<"endorsed" | "changed"> {
  await collab.flush(row.statementId);
  try {
    await asUser((tx) => insertEndorsement(tx, row));
    return "endorsed";
  } catch (error) {
    if (databaseErrorCode(error) === TEXT_CHANGED) return "changed";
    throw error;
  }
}

export type StatusChangeOutcome =
  | { outcome: "changed" }
  | { outcome: "blocked"; blocker: AgreementBlocker }
  | { outcome: "not_allowed_now" };

/**
 * Moves a statement to another status. Before agreement the live document is stored, so the rule
 * ("nothing about us without us") judges the text as it is. When the move changes whether the
 * text may be edited, connected editors are told to ask again (becoming read-only, or editable).
 */
export async function changeStatementStatus(
  asUser: AsUser,
  collab: StatementTextControl,
  { statementId, from, to }: { statementId: string; from: StatementStatus; to: StatementStatus },
): Promise<StatusChangeOutcome> {
  if (to === "agreed") await collab.flush(statementId);
  try {
    await asUser((tx) => setStatementStatus(tx, statementId, to));
  } catch (error) {
    const blocker = databaseHint(error);
    if (databaseErrorCode(error) === CHECK_FAILED && isAgreementBlocker(blocker)) return { outcome: "blocked", blocker };
    if (databaseErrorCode(error) === MOVE_NOT_ALLOWED) return { outcome: "not_allowed_now" };
    throw error;
  }
  if (isTextEditable(from) !== isTextEditable(to)) await collab.reauthorise(statementId);
  return { outcome: "changed" };
}
