import { can, hasRole, type StrategyActor, type StrategyRecord } from "./strategy";

/**
 * Who may change a statement's details and links, and archive it, beyond what every co-writer
 * may do (policies/strategy.ts: write_statements). Row Level Security lets every co-writer change
 * a statement; these narrow what the interface offers and what the routes accept.
 */
export type StatementDetailsRecord = { createdBy: string | null; archivedAt: string | null };

/**
 * Archiving takes a statement out of the strategy's list, so it is for the person who started it
 * (while they still co-write) or a facilitator, not for any co-writer who disagrees with it.
 */
export function canArchiveStatement(actor: StrategyActor, strategy: StrategyRecord, statement: StatementDetailsRecord): boolean {
  if (!can(actor, "write_statements", strategy)) return false;
  return hasRole(actor, "facilitator") || (actor.userId !== null && actor.userId === statement.createdBy);
}

/** Title, kind, theme and links change while the statement is current; an archived one is restored first. */
export function canEditStatementDetails(actor: StrategyActor, strategy: StrategyRecord, statement: StatementDetailsRecord): boolean {
  return can(actor, "write_statements", strategy) && statement.archivedAt === null;
}

/** Throws a 403 response with the message unless `allowed`. */
export function authorizeStatementChange(allowed: boolean, message: string) {
  if (!allowed) throw new Response(message, { status: 403 });
}

export const statementChangeForbidden = {
  archive: "Only the person who started this statement, or a facilitator, can archive or restore it.",
  details:
    "Only members who co-write this strategy's statements can change a statement's details and links, and not while it is archived.",
} as const;
