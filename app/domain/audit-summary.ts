import { formatDate } from "~/utils/dates";
import type { AuditChange, AuditEntityType, HistoryEntry } from "./audit";
import { REFERENCE_COLUMNS } from "./audit";
import { responsiblePartyLabels, type ResponsibleParty } from "./responsible-parties";
import { isRole, roleLabels } from "./roles";
import { commitmentStatusLabels, scopeLabels, strategyStatusLabels, type CommitmentStatus, type StrategyStatus } from "./strategy";

/**
 * Turns one audit row into a plain-English sentence: "Fatima Khan changed the due date of the
 * commitment “We will …” from 31 December 2027 to 31 March 2028". Browser-safe: the names of
 * things the row refers to come with the entry (see models/audit.server.ts).
 */
export type AuditSummaryInput = Pick<
  HistoryEntry,
  "actorId" | "actorName" | "entityType" | "entityId" | "action" | "details" | "names"
>;

/** The words a reader knows a column by. */
export const fieldWords: Record<string, string> = {
  title: "the title",
  text: "the wording",
  name: "the name",
  figure: "the figure",
  summary: "the summary",
  context: "the current context",
  description: "the description",
  responsible_parties: "who is responsible",
  lead_organisation_id: "the lead organisation",
  due_date: "the due date",
  status: "the status",
  priority_id: "the priority",
  position: "the position",
  source: "the source",
  source_url: "the source link",
  visibility: "the visibility",
  scope: "the scope",
  area: "the area",
  adopts_strategy_id: "the national strategy it adopts",
  organisation_id: "the organisation",
  role: "the role",
  roles: "the roles",
  email: "the email address",
  expires_at: "the expiry date",
  short_name: "the short name",
  kind: "the kind of organisation",
};

/** The column that names an item of each kind, where it has one. */
const nameColumn: Partial<Record<AuditEntityType, string>> = {
  strategy: "title",
  priority: "title",
  commitment: "text",
  context_figure: "figure",
  organisation: "name",
  invitation: "email",
};

const kindWord: Record<string, string> = {
  strategy: "strategy",
  priority: "priority",
  commitment: "commitment",
  context_figure: "figure",
  organisation: "organisation",
};

const unnamed: Record<string, string> = {
  strategy: "the strategy",
  priority: "a priority",
  commitment: "a commitment",
  context_figure: "a figure",
  organisation: "an organisation",
  invitation: "an invitation",
  member: "a member",
  member_role: "a member",
};

/** Long text is not repeated in a sentence; the reader opens the item to read it. */
const longColumns = new Set(["summary", "context"]);

/** Columns that are bookkeeping rather than something a person chose to change. */
const unspokenColumns = new Set([
  "id",
  "strategy_id",
  "user_id",
  "created_by",
  "invited_by",
  "granted_by",
  "granted_at",
  "joined_at",
  "archived_at",
  "accepted_at",
  "accepted_by",
  "revoked_at",
]);

const columnOrder = Object.keys(fieldWords);

/** The sentence for one audit entry, starting with who did it. */
export function describeAuditEntry(entry: AuditSummaryInput): string {
  return `${entry.actorName} ${describeWhatHappened(entry)}`;
}

function describeWhatHappened(entry: AuditSummaryInput): string {
  switch (entry.entityType) {
    case "member":
      return describeMember(entry);
    case "member_role":
      return describeMemberRole(entry);
    case "invitation":
      return describeInvitation(entry);
    default:
      return describeItem(entry);
  }
}

function describeItem(entry: AuditSummaryInput): string {
  const subject = subjectPhrase(entry);
  switch (entry.action) {
    case "created":
      return describeCreated(entry, subject);
    case "deleted":
      return entry.entityType === "context_figure" ? `removed ${subject}` : `deleted ${subject}`;
    case "archived":
      return `archived ${subject}`;
    case "restored":
      return `restored ${subject}`;
    case "reordered": {
      const position = changesOf(entry).position;
      const from = Number(position?.from);
      const to = Number(position?.to);
      if (!position || Number.isNaN(from) || Number.isNaN(to)) return `moved ${subject}`;
      return `moved ${subject} ${to < from ? "up" : "down"}, from position ${from} to ${to}`;
    }
    case "updated":
      return describeUpdate(entry, subject);
    default:
      return `changed ${subject}`;
  }
}

function describeCreated(entry: AuditSummaryInput, subject: string): string {
  const { details, names } = entry;
  switch (entry.entityType) {
    case "strategy": {
      const original = text(details.copied_from_id);
      if (!original) return `started ${subject}`;
      return `started ${subject} as a copy of ${names[original] ? quote(names[original]) : "another strategy"}`;
    }
    case "commitment": {
      const priority = text(details.priority_id);
      return priority && names[priority] ? `added ${subject} under the priority ${quote(names[priority])}` : `added ${subject}`;
    }
    case "context_figure": {
      const priority = text(details.priority_id);
      if (!priority) return `added ${subject} to “Where are we now”`;
      return names[priority] ? `added ${subject} to the priority ${quote(names[priority])}` : `added ${subject}`;
    }
    default:
      return `added ${subject}`;
  }
}

function describeUpdate(entry: AuditSummaryInput, subject: string): string {
  const changes = changesOf(entry);
  const columns = Object.keys(changes)
    .filter((c) => !unspokenColumns.has(c))
    .sort(byReadingOrder);
  if (!columns.length) return `changed ${subject}`;

  if (columns.includes("priority_id") && columns.every((c) => c === "priority_id" || c === "position")) {
    const to = text(changes.priority_id.to);
    return to && entry.names[to] ? `moved ${subject} to the priority ${quote(entry.names[to])}` : `moved ${subject} to another priority`;
  }

  const named = nameColumn[entry.entityType];
  if (columns.length === 1) {
    const [column] = columns;
    const change = changes[column];
    if (column === named && text(change.from) && text(change.to)) {
      return renameSentence(entry.entityType, text(change.from)!, text(change.to)!);
    }
    const clause = changeClause(entry, column, change);
    const of = column === "responsible_parties" ? "for" : "of";
    return `${clause.verb} ${clause.object} ${of} ${subject}${clause.rest ? ` ${clause.rest}` : ""}`;
  }

  const clauses = columns.map((column) => {
    const clause =
      column === named
        ? { verb: "changed", object: fieldWords[column], rest: `to ${valueWords(entry, column, changes[column].to) ?? "nothing"}` }
        : changeClause(entry, column, changes[column]);
    return `${clause.verb} ${clause.object}${clause.rest ? ` ${clause.rest}` : ""}`;
  });
  return `made changes to ${subject}: ${joinWithAnd(clauses)}`;
}

function renameSentence(entityType: AuditEntityType, from: string, to: string): string {
  switch (entityType) {
    case "commitment":
      return `changed the wording of the commitment ${quote(from, 150)} to ${quote(to, 150)}`;
    case "context_figure":
      return `changed the figure ${quote(from)} to ${quote(to)}`;
    case "invitation":
      return `changed the email address of the invitation for ${from} to ${to}`;
    default:
      return `renamed the ${kindWord[entityType] ?? "item"} ${quote(from)} to ${quote(to)}`;
  }
}

type Clause = { verb: string; object: string; rest: string };

function changeClause(entry: AuditSummaryInput, column: string, change: AuditChange): Clause {
  const object = fieldWords[column] ?? `the ${column.replaceAll("_", " ")}`;
  if (longColumns.has(column)) return { verb: "changed", object, rest: "" };
  const from = valueWords(entry, column, change.from);
  const to = valueWords(entry, column, change.to);
  if (from === null && to === null) return { verb: "changed", object, rest: "" };
  if (from === null) return { verb: "set", object, rest: `to ${to}` };
  if (to === null) return { verb: "removed", object, rest: "" };
  return { verb: "changed", object, rest: `from ${from} to ${to}` };
}

/** A value as words in a sentence, or null when there is none. */
function valueWords(entry: AuditSummaryInput, column: string, value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if ((REFERENCE_COLUMNS as readonly string[]).includes(column)) {
    const name = entry.names[String(value)];
    if (column === "priority_id") return name ? quote(name) : "another priority";
    if (column === "adopts_strategy_id") return name ? quote(name) : "another strategy";
    return name ?? "an organisation";
  }
  switch (column) {
    case "due_date":
    case "expires_at":
      return typeof value === "string" ? formatDate(value) : null;
    case "status":
      if (entry.entityType === "strategy") return strategyStatusLabels[value as StrategyStatus] ?? String(value);
      return commitmentStatusLabels[value as CommitmentStatus] ?? String(value);
    case "responsible_parties":
      return Array.isArray(value) && value.length
        ? joinWithAnd(value.map((p) => responsiblePartyLabels[p as ResponsibleParty] ?? String(p)))
        : null;
    case "role":
      return roleWords(String(value), null, entry.names);
    case "roles":
      return Array.isArray(value) && value.length ? joinWithAnd(value.map((r) => roleWords(String(r), null, entry.names))) : null;
    case "visibility":
      return value === "public" ? "public" : value === "private" ? "private" : String(value);
    case "scope":
      return (scopeLabels[value as keyof typeof scopeLabels] ?? String(value)).toLowerCase();
    case "position":
      return String(value);
    case "source_url":
    case "email":
      return String(value);
    default:
      if (typeof value === "string") return quote(value, 150);
      if (typeof value === "number" || typeof value === "boolean") return String(value);
      return null;
  }
}

function describeMember(entry: AuditSummaryInput): string {
  const self = isSelf(entry);
  const person = personName(entry);
  switch (entry.action) {
    case "created":
      return self ? "joined the strategy" : `added ${person} to the strategy`;
    case "deleted":
      return self ? "left the strategy" : `removed ${person} from the strategy`;
    case "updated":
      return describeUpdate(entry, person);
    default:
      return `changed the membership of ${person}`;
  }
}

function describeMemberRole(entry: AuditSummaryInput): string {
  const self = isSelf(entry);
  const person = personName(entry);
  const { details, names } = entry;
  const role = roleWords(text(details.role) ?? "", text(details.organisation_id), names);
  switch (entry.action) {
    case "created": {
      if (!self) return `gave ${person} the role ${role}`;
      const grantedBy = text(details.granted_by);
      return grantedBy && grantedBy !== entry.actorId ? `joined with the role ${role}` : `took the role ${role}`;
    }
    case "deleted":
      return self ? `gave up the role ${role}` : `removed the role ${role} from ${person}`;
    case "updated":
      return describeUpdate(entry, person);
    default:
      return `changed the roles of ${person}`;
  }
}

function describeInvitation(entry: AuditSummaryInput): string {
  const { details, names } = entry;
  const email = text(details.email) ?? (entry.entityId ? names[entry.entityId] : undefined);
  const invitation = email ? `the invitation for ${email}` : "an invitation";
  switch (entry.action) {
    case "created": {
      const roles = Array.isArray(details.roles) ? details.roles.map(String) : [];
      const organisation = text(details.organisation_id);
      const as = roles.length ? ` as ${joinWithAnd(roles.map((r) => roleWords(r, organisation, names)))}` : "";
      return `invited ${email ?? "someone"}${as}`;
    }
    case "accepted":
      return "accepted the invitation to join the strategy";
    case "revoked":
      return `withdrew ${invitation}`;
    case "deleted":
      return `deleted ${invitation}`;
    default:
      return describeUpdate(entry, invitation);
  }
}

/** "Evaluator", or "Signatory for Skills for Care" when the role names an organisation. */
function roleWords(role: string, organisationId: string | null, names: Record<string, string>): string {
  if (role === "signatory" && organisationId && names[organisationId]) return `Signatory for ${names[organisationId]}`;
  return isRole(role) ? roleLabels[role] : role.replaceAll("_", " ");
}

/** "the commitment “We will …”", named as it was before this change when the change renamed it. */
function subjectPhrase(entry: AuditSummaryInput): string {
  const name = subjectName(entry);
  const kind = kindWord[entry.entityType];
  if (!name || !kind) return unnamed[entry.entityType] ?? `a ${String(entry.entityType).replaceAll("_", " ")}`;
  return `the ${kind} ${quote(name)}`;
}

function subjectName(entry: AuditSummaryInput): string | null {
  const column = nameColumn[entry.entityType];
  if (!column) return null;
  if (entry.action === "created" || entry.action === "deleted") return text(entry.details[column]);
  const renamed = changesOf(entry)[column];
  if (renamed && text(renamed.from)) return text(renamed.from);
  return entry.entityId ? (entry.names[entry.entityId] ?? null) : null;
}

function personName(entry: AuditSummaryInput): string {
  return (entry.entityId && entry.names[entry.entityId]) || "a member";
}

const isSelf = (entry: AuditSummaryInput) => entry.actorId !== null && entry.actorId === entry.entityId;

function changesOf(entry: AuditSummaryInput): Record<string, AuditChange> {
  const changes = entry.details.changes;
  return changes && typeof changes === "object" ? (changes as Record<string, AuditChange>) : {};
}

function byReadingOrder(a: string, b: string): number {
  const ia = columnOrder.indexOf(a);
  const ib = columnOrder.indexOf(b);
  if (ia === -1 && ib === -1) return a.localeCompare(b);
  if (ia === -1) return 1;
  if (ib === -1) return -1;
  return ia - ib;
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** Text in curly quotes, cut at a word boundary when long. */
export function quote(value: string, max = 100): string {
  const clean = value.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return `“${clean}”`;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  const shortened = (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "");
  return `“${shortened} …”`;
}

/** "a, b and c". */
export function joinWithAnd(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
