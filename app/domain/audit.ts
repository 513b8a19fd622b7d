/** What the audit log records: the kinds of item, what happened to them, and how people filter them. */
export const AUDIT_ENTITY_TYPES = [
  "strategy",
  "member",
  "member_role",
  "invitation",
  "priority",
  "context_figure",
  "commitment",
  "organisation",
  "statement",
  "statement_link",
  "statement_version",
  "statement_comment",
  "statement_endorsement",
  "sign_off_default",
  "sign_off_organisation",
  "sign_off_request",
  "sign_off_decision",
  "publication",
  "measure",
  "measure_link",
  "evidence",
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export const AUDIT_ACTIONS = [
  "created",
  "updated",
  "archived",
  "restored",
  "reordered",
  "accepted",
  "revoked",
  "resolved",
  "reopened",
  "deleted",
  // Recorded by the collaboration server, not by a trigger: text written live, an old version put back.
  "edited",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A changed column as the audit trigger records it. */
export type AuditChange = { from: unknown; to: unknown };

/**
 * One audit row as a reader sees it. `details` is the row as inserted or deleted, or
 * `{ changes: { column: { from, to } } }` for an update. `names` holds what the reader may see of
 * the things the row refers to (titles, organisation names, people's names, email addresses, the
 * numbers of saved versions), by id.
 */
export type HistoryEntry = {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorName: string;
  strategyId: string | null;
  entityType: AuditEntityType;
  entityId: string | null;
  action: AuditAction;
  details: Record<string, unknown>;
  names: Record<string, string>;
};

/** Who changes made without a signed-in person are shown as: the demo seed is the only such writer. */
export const SYSTEM_ACTOR_NAME = "Assurance Hub (demo data)";
/** Who a person is shown as when the reader may not see their profile. */
export const UNSEEN_ACTOR_NAME = "Someone";
/** Who told an anonymised story, to everyone but reviewers and the teller. */
export const WITHHELD_ACTOR_NAME = "Someone (name withheld)";

/**
 * Columns whose values are ids of other things, resolved to names for the sentences (a saved
 * version of a statement is named by its number).
 */
export const REFERENCE_COLUMNS = [
  "priority_id",
  "lead_organisation_id",
  "organisation_id",
  "adopts_strategy_id",
  "copied_from_id",
  "commitment_id",
  "i_statement_id",
  "restored_from_id",
  "measure_id",
] as const;

/**
 * The entries about a statement: its own, and those of its links, versions, comments and
 * endorsements, which the audit log files under the statement's id.
 */
export const STATEMENT_AUDIT_ENTITY_TYPES: AuditEntityType[] = [
  "statement",
  "statement_link",
  "statement_version",
  "statement_comment",
  "statement_endorsement",
];

/** The kinds of item a reader can filter a strategy's history by. */
export const HISTORY_KINDS = ["priorities", "commitments", "statements", "measures", "members", "invitations", "strategy"] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export const historyKindEntityTypes: Record<HistoryKind, AuditEntityType[]> = {
  priorities: ["priority", "context_figure"],
  commitments: ["commitment", "sign_off_organisation", "sign_off_request", "sign_off_decision", "sign_off_default"],
  statements: STATEMENT_AUDIT_ENTITY_TYPES,
  measures: ["measure", "measure_link"],
  members: ["member", "member_role"],
  invitations: ["invitation"],
  strategy: ["strategy", "publication"],
};

export const historyKindLabels: Record<HistoryKind, string> = {
  priorities: "Priorities and their figures",
  commitments: "Commitments and their sign-off",
  statements: "Statements, their versions, discussion and endorsements",
  measures: "Assurance measures",
  members: "Members and their roles",
  invitations: "Invitations",
  strategy: "The strategy's details and published versions",
};

export const isHistoryKind = (value: string): value is HistoryKind =>
  (HISTORY_KINDS as readonly string[]).includes(value);
