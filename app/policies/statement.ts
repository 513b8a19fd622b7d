import type { StatementStatus } from "~/domain/statements";
import type { Abilities } from "./strategy";

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

/** Whether this person may endorse the statement's text: a co-writer, once there is text to endorse. */
export const canEndorse = (can: Abilities, statement: StatementRecord) =>
  can.canWriteStatements && !statement.archivedAt && statement.contentHash !== "";

/** Whether this person may take part in the discussion (start threads, reply, resolve, reopen). */
export const canDiscuss = (can: Abilities, statement: StatementRecord) => can.canWriteStatements && !statement.archivedAt;

/** Whether this person may save a version or restore one: restoring also needs the text to be editable. */
export const canSaveVersion = (can: Abilities, statement: StatementRecord) => can.canWriteStatements && !statement.archivedAt;

/** Whether this person may write the easy-read summary. */
export const canEditEasyRead = (can: Abilities, statement: StatementRecord) => can.canWriteStatements && !statement.archivedAt;
