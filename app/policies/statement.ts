import type { StatementStatus } from "~/domain/statements";
import { can, hasRole, type Abilities, type StrategyActor, type StrategyRecord } from "./strategy";

/**
 * What a person may do with one statement's status, endorsements, discussion and versions. These
 * mirror app.set_statement_status and the statements' RLS policies, which enforce the same rules;
 * here they decide which buttons the interface offers.
 */
type StatementRecord = { status: StatementStatus; archivedAt: string | Date | null; contentHash: string };

export type StatusMove = { to: StatementStatus; label: string; intent: string };

// The moves app.set_statement_status allows, and who may make them.
const MOVES: { from: StatementStatus; to: StatementStatus; label: string; who: "writer" | "facilitator" }[] = [
  { from: "draft", to: "in_review", label: "Send for review", who: "writer" },
  { from: "in_review", to: "draft", label: "Move back to draft", who: "writer" },
  { from: "in_review", to: "agreed", label: "Mark as agreed", who: "facilitator" },
  { from: "agreed", to: "published", label: "Publish", who: "facilitator" },
  { from: "agreed", to: "in_review", label: "Reopen for review", who: "facilitator" },
  { from: "published", to: "in_review", label: "Reopen for review", who: "facilitator" },
];

/** The status moves this person may make now (agreement may still be blocked by the strategy's rule). */
export function statusMoves(can: Abilities, statement: StatementRecord): StatusMove[] {
  if (statement.archivedAt) return [];
  return MOVES.filter(
    (m) => m.from === statement.status && (m.who === "writer" ? can.canWriteStatements : can.canAgreeStatements),
  ).map((m) => ({ to: m.to, label: m.label, intent: `status-${m.to}` }));
}

/**
 * Why this person sees the text but cannot change it now (the reasons behind
 * canEditStatementText, in words), or null when they can.
 */
export function textReadOnlyReason(
  can: Abilities,
  statement: { status: StatementStatus; archivedAt: string | Date | null },
  canEditText: boolean,
): string | null {
  if (canEditText) return null;
  if (!can.canWriteStatements) return "You can read this statement. Only members who co-write can change it.";
  if (statement.archivedAt) return "This statement is archived: it must be restored before its text can change.";
  if (statement.status === "agreed") return "This statement is agreed: a facilitator can reopen it for changes.";
  if (statement.status === "published") return "This statement is published: a facilitator can reopen it for changes.";
  return "You cannot change this statement’s text now.";
}

/** The rule under most of what a co-writer does with a statement: they co-write, and it is not archived. */
const coWritesCurrent = (can: Abilities, statement: { archivedAt: string | Date | null }) =>
  can.canWriteStatements && !statement.archivedAt;

/** Whether this person may endorse the statement's text: a co-writer, once there is text to endorse. */
export const canEndorse = (can: Abilities, statement: StatementRecord) => coWritesCurrent(can, statement) && statement.contentHash !== "";

/** Whether this person may take part in the discussion (start threads, reply, resolve, reopen). */
export const canDiscuss = coWritesCurrent;

/** Whether this person may save a version or restore one: restoring also needs the text to be editable. */
export const canSaveVersion = coWritesCurrent;

/** Whether this person may write the easy-read summary. */
export const canEditEasyRead = coWritesCurrent;

// Details, links and archiving.

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
