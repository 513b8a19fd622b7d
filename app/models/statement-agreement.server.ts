import type { Tx } from "~/platform/db.server";
import { isAgreementBlocker, type AgreementBlocker, type StatementStatus } from "~/domain/statements";

/**
 * Why the statement cannot be marked agreed now, or null when it can. The rule lives in one
 * place, the database function app.statement_agreement_blocker, which app.set_statement_status
 * also asks; the interface only reads its answer.
 */
export async function agreementBlocker(tx: Tx, statementId: string): Promise<AgreementBlocker | null> {
  const row = await tx.one<{ blocker: string | null }>("select app.statement_agreement_blocker($1) as blocker", [statementId]);
  const blocker = row?.blocker ?? null;
  if (blocker !== null && !isAgreementBlocker(blocker)) throw new Error(`Unknown agreement blocker: ${blocker}`);
  return blocker;
}

/**
 * Moves a statement to another status through app.set_statement_status, which decides who may
 * make which move and refuses agreement while a blocker remains (its hint names the blocker).
 */
export async function setStatementStatus(tx: Tx, statementId: string, status: StatementStatus): Promise<void> {
  await tx.query("select app.set_statement_status($1, $2)", [statementId, status]);
}
