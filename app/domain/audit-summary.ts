import { formatDate } from "~/utils/dates";
import type { AuditChange, AuditEntityType, HistoryEntry } from "./audit";
import { REFERENCE_COLUMNS } from "./audit";
import { responsiblePartyLabels, type ResponsibleParty } from "./responsible-parties";
import {
  formatMeasureValue,
  measureDataSourceLabels,
  measureDirectionLabels,
  measureFrequencyLabels,
  measureKindShortLabels,
  measureUnitLabels,
  ragMethodLabels,
  type MeasureDataSource,
  type MeasureDirection,
  type MeasureFrequency,
  type MeasureKind,
  type MeasureUnit,
  type RagMethod,
} from "./measures";
import { evidenceKindNouns, milestoneJudgementLabels, type EvidenceKind, type MilestoneJudgement } from "./evidence";
import { isRole, roleLabels } from "./roles";
import { statementStatusLabels, statementThemeLabels, type StatementStatus, type StatementTheme } from "./statements";
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
  theme: "the theme",
  easy_read: "the easy-read summary",
  require_lived_experience_to_agree: "whether agreeing a statement needs a person with lived experience",
};

/** Where a statement's column means something else than the same column elsewhere. */
const statementFieldWords: Record<string, string> = { kind: "the kind" };

/** The column that names an item of each kind, where it has one. */
const nameColumn: Partial<Record<AuditEntityType, string>> = {
  strategy: "title",
  priority: "title",
  commitment: "text",
  context_figure: "figure",
  organisation: "name",
  invitation: "email",
  statement: "title",
  measure: "name",
};

const kindWord: Record<string, string> = {
  strategy: "strategy",
  priority: "priority",
  commitment: "commitment",
  context_figure: "figure",
  organisation: "organisation",
  statement: "statement",
  measure: "measure",
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
  statement: "a statement",
  measure: "a measure",
};

/** Long text is not repeated in a sentence; the reader opens the item to read it. */
const longColumns = new Set(["summary", "context", "easy_read"]);

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
  // A commitment's revision number is said once, after the change that made it ("(now revision 4)").
  "revision",
]);

const columnOrder = Object.keys(fieldWords);

/** The sentence for one audit entry, starting with who did it. */
export function describeAuditEntry(entry: AuditSummaryInput): string {
  return describeWithoutActor(entry) ?? `${entry.actorName} ${describeWhatHappened(entry)}`;
}

/**
 * What happened because of something else, with nobody to name: a statement whose agreed text
 * changed goes back into review by itself (the change of text has its own entry, with its writer).
 */
function describeWithoutActor(entry: AuditSummaryInput): string | null {
  // A decision is the organisation's, signed by a named person; a request made again was the database's.
  if (entry.entityType === "sign_off_decision" && entry.action === "created") return describeSignOffDecision(entry);
  if (entry.entityType === "sign_off_request" && entry.action === "created" && entry.details.asked_again === true) {
    return `${capitalise(organisationName(entry))} was asked again to sign off ${revisionOf(entry)}, because it changed`;
  }
  if (entry.actorId !== null || entry.entityType !== "statement" || entry.action !== "updated") return null;
  const changes = changesOf(entry);
  const status = changes.status;
  if (!status || Object.keys(changes).length !== 1 || status.to !== "in_review") return null;
  const from = valueWords(entry, "status", status.from);
  const subject = subjectPhrase(entry);
  return `${capitalise(subject)} went back to In review${from ? ` from ${from}` : ""} because its text changed`;
}

function describeWhatHappened(entry: AuditSummaryInput): string {
  switch (entry.entityType) {
    case "member":
      return describeMember(entry);
    case "member_role":
      return describeMemberRole(entry);
    case "invitation":
      return describeInvitation(entry);
    case "statement":
      return describeStatement(entry);
    case "statement_link":
      return describeStatementLink(entry);
    case "statement_version":
      return describeStatementVersion(entry);
    case "statement_comment":
      return describeStatementComment(entry);
    case "statement_endorsement":
      return describeStatementEndorsement(entry);
    case "sign_off_default":
      return describeSignOffDefault(entry);
    case "sign_off_organisation":
      return describeSignOffOrganisation(entry);
    case "sign_off_request":
      return describeSignOffRequest(entry);
    case "sign_off_decision":
      return `recorded a decision on ${revisionOf(entry)}`;
    case "publication":
      return describePublication(entry);
    case "measure":
      return describeMeasure(entry);
    case "measure_link":
      return describeMeasureLink(entry);
    case "evidence":
      return describeEvidence(entry);
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
      return `${describeUpdate(entry, subject)}${newRevision(entry)}`;
    default:
      return `changed ${subject}`;
  }
}

/** " (now revision 4)" after a change that made a new revision of a commitment, else nothing. */
function newRevision(entry: AuditSummaryInput): string {
  const to = Number(changesOf(entry).revision?.to);
  return entry.entityType === "commitment" && Number.isInteger(to) && to > 0 ? ` (now revision ${to})` : "";
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
    case "statement": {
      const title = text(details.title);
      const kind = details.kind === "i" ? "“I” statement" : details.kind === "we" ? "“we” statement" : "statement";
      return title ? `added the ${kind} ${quote(title)}` : `added ${subject}`;
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
    const special = singleChangeSentence(entry, subject, column, change);
    if (special) return special;
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

/** Sentences for one change that read better than "changed the … of … from … to …". */
function singleChangeSentence(entry: AuditSummaryInput, subject: string, column: string, change: AuditChange): string | null {
  if (entry.entityType === "statement" && column === "status") {
    const from = valueWords(entry, column, change.from);
    const to = valueWords(entry, column, change.to);
    return from && to ? `moved ${subject} from ${from} to ${to}` : null;
  }
  if (column === "easy_read") {
    if (!text(change.from) && text(change.to)) return `added an easy-read summary to ${subject}`;
    if (text(change.from) && !text(change.to)) return `removed the easy-read summary of ${subject}`;
    return null;
  }
  if (column === "require_lived_experience_to_agree") {
    return change.to === true
      ? `asked that a person with lived experience helps write and endorses each statement of ${subject} before it is agreed`
      : `stopped asking that a person with lived experience helps write and endorses each statement of ${subject} before it is agreed`;
  }
  return null;
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
  const object =
    (entry.entityType === "statement" ? statementFieldWords[column] : undefined) ??
    (entry.entityType === "measure" ? measureFieldWords[column] : undefined) ??
    fieldWords[column] ??
    `the ${column.replaceAll("_", " ")}`;
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
  if (entry.entityType === "measure" && column in measureFieldWords) return measureValueWords(column, value);
  if ((REFERENCE_COLUMNS as readonly string[]).includes(column)) {
    const name = entry.names[String(value)];
    if (column === "priority_id") return name ? quote(name) : "another priority";
    if (column === "adopts_strategy_id") return name ? quote(name) : "another strategy";
    if (column === "commitment_id") return name ? quote(name) : "another commitment";
    if (column === "i_statement_id") return name ? quote(name) : "another statement";
    if (column === "restored_from_id") return name ? `version ${name}` : "an earlier version";
    if (column === "measure_id") return name ? quote(name) : "another measure";
    return name ?? "an organisation";
  }
  switch (column) {
    case "due_date":
    case "expires_at":
      return typeof value === "string" ? formatDate(value) : null;
    case "status":
      if (entry.entityType === "strategy") return strategyStatusLabels[value as StrategyStatus] ?? String(value);
      if (entry.entityType === "statement") return statementStatusLabels[value as StatementStatus] ?? String(value);
      return commitmentStatusLabels[value as CommitmentStatus] ?? String(value);
    case "theme":
      return statementThemeLabels[value as StatementTheme] ?? String(value);
    case "kind":
      if (entry.entityType !== "statement") return quote(String(value), 150);
      return value === "i" ? "an “I” statement" : value === "we" ? "a “we” statement" : String(value);
    case "require_lived_experience_to_agree":
      return value === true ? "yes" : value === false ? "no" : null;
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

function describeStatement(entry: AuditSummaryInput): string {
  const subject = subjectPhrase(entry);
  const { details } = entry;
  switch (entry.action) {
    case "edited": {
      const title = statementTitle(entry);
      const counted = tally(count(details, "chars_added"), count(details, "chars_removed"));
      if (details.first_draft === true) {
        return `wrote the first draft of ${title ? quote(title) : "a statement"}${counted}`;
      }
      return `edited the text of ${title ? quote(title) : "a statement"}${counted}`;
    }
    case "restored": {
      // A restore from the archive changes archived_at; a restore of old text is the collaboration server's.
      if (changesOf(entry).archived_at) return `restored ${subject}`;
      const version = count(details, "version_number", "versionNumber");
      const title = statementTitle(entry);
      const of = title ? quote(title) : "a statement";
      return version ? `restored the text of version ${version} of ${of}` : `restored an earlier version of the text of ${of}`;
    }
    default:
      return describeItem(entry);
  }
}

/** "(+120 characters, −4)", "(+1 character)", "(−4 characters)", or nothing when nothing was counted. */
function tally(added: number | null, removed: number | null): string {
  const characters = (n: number) => (n === 1 ? "character" : "characters");
  if (added && removed) return ` (+${added} ${characters(added)}, −${removed})`;
  if (added) return ` (+${added} ${characters(added)})`;
  if (removed) return ` (−${removed} ${characters(removed)})`;
  return "";
}

/** A whole number from the first of these keys the details hold. */
function count(details: Record<string, unknown>, ...keys: string[]): number | null {
  for (const key of keys) {
    const value = details[key];
    if (typeof value === "number" && Number.isFinite(value)) return value;
  }
  return null;
}

/** The title of the statement an entry is filed under (links, versions, comments and endorsements file under their statement). */
function statementTitle(entry: AuditSummaryInput): string | null {
  if (entry.entityType === "statement") return subjectName(entry);
  return entry.entityId ? (entry.names[entry.entityId] ?? null) : null;
}

function statementPhrase(entry: AuditSummaryInput): string {
  const title = statementTitle(entry);
  return title ? `the statement ${quote(title)}` : "a statement";
}

function describeStatementLink(entry: AuditSummaryInput): string {
  const { details, names } = entry;
  const statement = statementPhrase(entry);
  const target = (() => {
    const iStatement = text(details.i_statement_id);
    if (details.target_kind === "i_statement" || iStatement) {
      return iStatement && names[iStatement] ? `the “I” statement ${quote(names[iStatement])}` : "an “I” statement";
    }
    const priority = text(details.priority_id);
    if (details.target_kind === "priority" || priority) {
      return priority && names[priority] ? `the priority ${quote(names[priority])}` : "a priority";
    }
    const commitment = text(details.commitment_id);
    return commitment && names[commitment] ? `the commitment ${quote(names[commitment])}` : "a commitment";
  })();
  switch (entry.action) {
    case "created":
      return `linked ${statement} to ${target}`;
    case "deleted":
      return `unlinked ${statement} from ${target}`;
    default:
      return `changed a link of ${statement}`;
  }
}

function describeStatementVersion(entry: AuditSummaryInput): string {
  const { details, names } = entry;
  const statement = statementPhrase(entry);
  const number = count(details, "number");
  const version = number ? `version ${number}` : "a version";
  if (entry.action !== "created") return `changed ${version} of ${statement}`;
  const restoredFrom = text(details.restored_from_id);
  if (restoredFrom) {
    const earlier = names[restoredFrom] ? `version ${names[restoredFrom]}` : "an earlier version";
    return `restored ${earlier} as ${version} of ${statement}`;
  }
  const name = text(details.name);
  return `saved ${version}${name ? `, ${quote(name)},` : ""} of ${statement}`;
}

function describeStatementComment(entry: AuditSummaryInput): string {
  const { details } = entry;
  const statement = statementPhrase(entry);
  switch (entry.action) {
    case "created": {
      const body = text(details.body);
      const said = body ? `: ${quote(body, 80)}` : "";
      return text(details.parent_id) ? `replied to a comment on ${statement}${said}` : `commented on ${statement}${said}`;
    }
    case "resolved":
      return `resolved a thread on ${statement}`;
    case "reopened":
      return `reopened a thread on ${statement}`;
    case "deleted":
      return `deleted a comment on ${statement}`;
    default:
      return `changed a comment on ${statement}`;
  }
}

function describeStatementEndorsement(entry: AuditSummaryInput): string {
  const statement = statementPhrase(entry);
  const own = entry.actorId !== null && entry.details.user_id === entry.actorId;
  switch (entry.action) {
    case "created":
      return `endorsed ${statement}`;
    case "deleted":
      return own ? `withdrew their endorsement of ${statement}` : `withdrew an endorsement of ${statement}`;
    default:
      return `changed an endorsement of ${statement}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Sign-off: entries filed under the commitment (organisations asked, requests, decisions), the
// strategy's default organisations, and published versions.

/** The organisation a sign-off entry is about, by name, or "an organisation" when the reader cannot see it. */
function organisationName(entry: AuditSummaryInput): string {
  const id = text(entry.details.organisation_id);
  return (id && entry.names[id]) || "an organisation";
}

/** "the commitment “We will …”", for an entry filed under its commitment. */
function commitmentPhrase(entry: AuditSummaryInput): string {
  const id = text(entry.details.commitment_id) ?? entry.entityId;
  return id && entry.names[id] ? `the commitment ${quote(entry.names[id])}` : "a commitment";
}

/** "revision 2 of “We will …”", or "a revision of a commitment" when the number is not known. */
function revisionOf(entry: AuditSummaryInput): string {
  const number = count(entry.details, "revision");
  const id = text(entry.details.commitment_id) ?? entry.entityId;
  const name = id && entry.names[id] ? quote(entry.names[id]) : "a commitment";
  return number ? `revision ${number} of ${name}` : `a revision of ${name}`;
}

function describeSignOffDefault(entry: AuditSummaryInput): string {
  const priority = text(entry.details.priority_id);
  const which = !priority
    ? "new commitments of the whole strategy"
    : entry.names[priority]
      ? `new commitments of the priority ${quote(entry.names[priority])}`
      : "new commitments of a priority";
  const organisation = organisationName(entry);
  switch (entry.action) {
    case "created":
      return `asked ${organisation} by default to sign off ${which}`;
    case "deleted":
      return `stopped asking ${organisation} by default to sign off ${which}`;
    default:
      return `changed who signs off ${which} by default`;
  }
}

function describeSignOffOrganisation(entry: AuditSummaryInput): string {
  const organisation = organisationName(entry);
  const commitment = commitmentPhrase(entry);
  switch (entry.action) {
    case "created":
      return `asked ${organisation} to sign off ${commitment}`;
    case "deleted":
      return `stopped asking ${organisation} to sign off ${commitment}`;
    default:
      return `changed who signs off ${commitment}`;
  }
}

function describeSignOffRequest(entry: AuditSummaryInput): string {
  return entry.action === "created"
    ? `asked ${organisationName(entry)} to sign off ${revisionOf(entry)}`
    : `changed a request to sign off ${commitmentPhrase(entry)}`;
}

/**
 * "Skills for Care (signed by A. Person) objected to revision 2 of “…”: “reason”". The name is the
 * one the decision was signed with, kept on the decision, so every reader sees who signed.
 */
function describeSignOffDecision(entry: AuditSummaryInput): string {
  const { details } = entry;
  const signer = text(details.signed_by_name) ?? entry.actorName;
  const who = `${capitalise(organisationName(entry))} (signed by ${signer})`;
  const revision = revisionOf(entry);
  switch (details.decision) {
    case "endorsed":
      return `${who} endorsed ${revision}`;
    case "endorsed_with_conditions": {
      const conditions = text(details.conditions);
      return `${who} endorsed ${revision} with conditions${conditions ? `: ${quote(conditions, 150)}` : ""}`;
    }
    case "objected": {
      const reason = text(details.reason);
      return `${who} objected to ${revision}${reason ? `: ${quote(reason, 150)}` : ""}`;
    }
    default:
      return `${who} recorded a decision on ${revision}`;
  }
}

function describePublication(entry: AuditSummaryInput): string {
  const { details } = entry;
  const number = count(details, "number");
  const version = number ? `version ${number}` : "a version";
  if (entry.action !== "created") return `changed ${version} of the strategy`;
  const reason = text(details.override_reason);
  const total = count(details, "commitments_total");
  const agreed = count(details, "commitments_agreed");
  if (details.all_agreed === true || !reason) return `published ${version} of the strategy`;
  const counted = total !== null && agreed !== null ? ` with ${agreed} of ${total} ${total === 1 ? "commitment" : "commitments"} agreed` : "";
  return `published ${version}${counted}, because: ${quote(reason, 150)}`;
}

// ---------------------------------------------------------------------------------------------
// Assurance measures: a measure's own entries, and its links to commitments and priorities (filed
// under the measure's id). Numbers are said without their unit: a change entry holds only the
// columns that changed.

/** The words a reader knows a measure's columns by. */
const measureFieldWords: Record<string, string> = {
  name: "the name",
  definition: "the definition",
  kind: "the kind",
  unit: "the unit",
  direction: "which direction is better",
  baseline_value: "the baseline",
  baseline_date: "the baseline date",
  baseline_source: "the source of the baseline",
  target_value: "the target",
  target_date: "the target date",
  target_is_example: "whether the target is an example",
  frequency: "how often it is reported",
  data_source: "the data source",
  data_source_detail: "the details of the data source",
  rag_method: "how its status is worked out",
  tolerance: "the tolerance",
  on_track_threshold: "the on-track threshold",
  off_track_threshold: "the off-track threshold",
};

const measureNumber = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 4 });

function measureValueWords(column: string, value: unknown): string | null {
  switch (column) {
    case "baseline_date":
    case "target_date":
      return typeof value === "string" ? formatDate(value) : null;
    case "kind":
      return (measureKindShortLabels[value as MeasureKind] ?? String(value)).toLowerCase();
    case "unit":
      return (measureUnitLabels[value as MeasureUnit] ?? String(value)).toLowerCase();
    case "direction":
      return (measureDirectionLabels[value as MeasureDirection] ?? String(value)).toLowerCase();
    case "frequency":
      return (measureFrequencyLabels[value as MeasureFrequency] ?? String(value)).toLowerCase();
    case "data_source":
      return measureDataSourceLabels[value as MeasureDataSource] ?? String(value);
    case "rag_method":
      return (ragMethodLabels[value as RagMethod] ?? String(value)).toLowerCase();
    case "target_is_example":
      return value === true ? "yes" : value === false ? "no" : null;
    case "baseline_value":
    case "target_value":
    case "tolerance":
    case "on_track_threshold":
    case "off_track_threshold": {
      const n = typeof value === "number" ? value : Number(value);
      return Number.isFinite(n) ? measureNumber.format(n) : null;
    }
    default:
      return typeof value === "string" ? quote(value, 150) : null;
  }
}

function describeMeasure(entry: AuditSummaryInput): string {
  const subject = subjectPhrase(entry);
  if (entry.action === "created") {
    const name = text(entry.details.name);
    return name ? `defined the measure ${quote(name)}` : `defined ${subject}`;
  }
  if (entry.action === "updated") {
    const changes = changesOf(entry);
    const columns = Object.keys(changes).filter((c) => !unspokenColumns.has(c));
    if (columns.length === 1 && columns[0] === "target_is_example") {
      return changes.target_is_example.to === true
        ? `marked the target of ${subject} as an example`
        : `marked the target of ${subject} as agreed, no longer an example`;
    }
  }
  return describeItem(entry);
}

function describeMeasureLink(entry: AuditSummaryInput): string {
  const { details, names } = entry;
  const name = entry.entityId ? names[entry.entityId] : undefined;
  const measure = name ? `the measure ${quote(name)}` : "a measure";
  const commitment = text(details.commitment_id);
  const priority = text(details.priority_id);
  const target = commitment
    ? names[commitment]
      ? `the commitment ${quote(names[commitment])}`
      : "a commitment"
    : priority && names[priority]
      ? `the priority ${quote(names[priority])}`
      : "a priority";
  switch (entry.action) {
    case "created":
      return `linked ${measure} to ${target}`;
    case "deleted":
      return `unlinked ${measure} from ${target}`;
    default:
      return `changed what ${measure} is linked to`;
  }
}

// ---------------------------------------------------------------------------------------------
// Evidence: submitted, reviewed (verified, returned with a note, rejected with a reason) and sent
// back for review. Only readers of the evidence see these entries (the audit policy), so the
// sentences may name it, a story's title included; the body is never in the log.

/** "the evidence “Board minutes”", by the title it has now (or had, for an entry that renamed it). */
function evidencePhrase(entry: AuditSummaryInput): string {
  const renamed = changesOf(entry).title;
  const title = (renamed && text(renamed.to)) || (entry.entityId ? entry.names[entry.entityId] : undefined);
  return title ? `the evidence ${quote(title)}` : "a piece of evidence";
}

/** "the measure “Vacancy rate”", "the commitment “We will …”" or "the priority “…”". */
function evidenceTarget(entry: AuditSummaryInput): string {
  const { details, names } = entry;
  for (const [column, noun] of [
    ["measure_id", "measure"],
    ["commitment_id", "commitment"],
    ["priority_id", "priority"],
  ] as const) {
    const id = text(details[column]);
    if (id) return names[id] ? `the ${noun} ${quote(names[id])}` : `a ${noun}`;
  }
  return "the strategy";
}

/** ": 7.1% for the period ending 31 March 2026", or ": on track …" for a milestone. */
function dataPointWords(entry: AuditSummaryInput): string {
  const { details, names } = entry;
  const periodEnd = text(details.period_end);
  const period = periodEnd ? ` for the period ending ${formatDate(periodEnd)}` : "";
  const judgement = text(details.judgement);
  if (judgement) return `: ${(milestoneJudgementLabels[judgement as MilestoneJudgement] ?? judgement).toLowerCase()}${period}`;
  const value = typeof details.value === "number" ? details.value : Number(details.value);
  if (details.value === null || details.value === undefined || !Number.isFinite(value)) return period ? `${period}` : "";
  const measure = text(details.measure_id);
  const unit = measure ? (names[`unit:${measure}`] as MeasureUnit | undefined) : undefined;
  return `: ${formatMeasureValue(value, unit ?? null)}${period}`;
}

function describeEvidence(entry: AuditSummaryInput): string {
  const { details } = entry;
  if (entry.action === "created") {
    const kind = text(details.kind) as EvidenceKind | null;
    const verb = text(details.import_batch_id) ? "imported" : "submitted";
    if (kind === "data_point") {
      // A data point is always for a measure, so the measure's name is enough.
      const measure = text(details.measure_id);
      const name = measure && entry.names[measure] ? quote(entry.names[measure]) : "a measure";
      return `${verb} a data point for ${name}${dataPointWords(entry)}`;
    }
    const title = text(details.title);
    const noun = kind ? evidenceKindNouns[kind] : "evidence";
    return `${verb} ${noun}${title ? ` ${quote(title)}` : ""} for ${evidenceTarget(entry)}`;
  }
  const changes = changesOf(entry);
  const subject = evidencePhrase(entry);
  const note = text(changes.review_note?.to);
  switch (changes.status?.to) {
    case "verified":
      return `verified ${subject}${note ? `, noting: ${quote(note, 150)}` : ""}`;
    case "returned":
      return `returned ${subject} for more information${note ? `: ${quote(note, 150)}` : ""}`;
    case "rejected":
      return `rejected ${subject}${note ? `: ${quote(note, 150)}` : ""}`;
    case "submitted":
      return `answered the return of ${subject} and sent it back for review`;
    default:
      return `changed ${subject}`;
  }
}

const capitalise = (value: string) => `${value.charAt(0).toUpperCase()}${value.slice(1)}`;

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
