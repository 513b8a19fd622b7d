/**
 * Partner sign-off: choosing who must sign off a commitment, asking them, recording an
 * organisation's decision, the strategy's default organisations, and the emails that tell people.
 * Writes run as the person acting, so Row Level Security decides (facilitators choose and ask;
 * only an organisation's designated signatories decide for it); the audit log records every row
 * by trigger. The rules themselves (revisions, staleness, the agreed rule) live in the database.
 */
import type { Database, Tx } from "~/platform/db.server";
import type { Mail, Mailer } from "~/platform/mailer.server";
import { SIGN_OFF_DECISIONS, type SignOffDecision } from "~/domain/sign-off";
import {
  deleteRequiredOrganisations,
  deleteSignOffDefaults,
  getDecisionNotice,
  getNoticeSubject,
  insertRequiredOrganisations,
  insertSignOffDecision,
  insertSignOffDefaults,
  insertSignOffRequests,
  listRequestNotices,
  listRequiredOrganisationIds,
  listSignOffCells,
  listSignOffDefaults,
  listSignOffRecipients,
} from "~/models/sign-off.server";
import { databaseErrorCode } from "~/utils/db-errors.server";

/** Runs a function in one transaction as the person acting (withDb), so RLS decides. */
type AsUser = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

const unique = (ids: string[]) => [...new Set(ids)];

/** What changed in a list of organisations. */
export type OrganisationChanges = { added: string[]; removed: string[] };

/**
 * Sets the organisations that must sign off a commitment: adds the new ones and stops asking the
 * ones left out (their decisions stay on the record). In the caller's transaction.
 */
export async function chooseOrganisations(
  tx: Tx,
  { strategyId, commitmentId, organisationIds }: { strategyId: string; commitmentId: string; organisationIds: string[] },
): Promise<OrganisationChanges> {
  const before = await listRequiredOrganisationIds(tx, commitmentId);
  const wanted = unique(organisationIds);
  const added = wanted.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !wanted.includes(id));
  await deleteRequiredOrganisations(tx, commitmentId, removed);
  await insertRequiredOrganisations(tx, { strategyId, commitmentId, organisationIds: added });
  return { added, removed };
}

/** Whether an organisation still needs asking: not yet asked about the current revision, nor decided on it. */
export const needsAsking = (cell: { currentRevision: number; requestedRevision: number | null; decidedRevision: number | null }) =>
  cell.requestedRevision !== cell.currentRevision && cell.decidedRevision !== cell.currentRevision;

/** Who was asked, about which revision (null when the commitment has no organisation to ask). */
export type SignOffAsked = { revision: number | null; organisationIds: string[] };

/**
 * Asks every organisation that must sign off the commitment, and has not yet been asked about its
 * current revision or decided on it, to sign it off, with an optional message. In the caller's
 * transaction; send the emails with notifySignOffRequests once it is committed.
 */
export async function requestSignOff(
  tx: Tx,
  { strategyId, commitmentId, message = "" }: { strategyId: string; commitmentId: string; message?: string },
): Promise<SignOffAsked> {
  const cells = await listSignOffCells(tx, commitmentId);
  const toAsk = cells.filter(needsAsking).map((c) => c.organisationId);
  const asked = await insertSignOffRequests(tx, { strategyId, commitmentId, organisationIds: toAsk, message: message.trim() });
  return { revision: asked[0]?.revision ?? cells[0]?.currentRevision ?? null, organisationIds: asked.map((a) => a.organisationId) };
}

export type DecisionInput = {
  strategyId: string;
  commitmentId: string;
  organisationId: string;
  /** How people say the organisation's name, for the messages. */
  organisationName: string;
  /** The revision the signatory read and is deciding on. */
  revision: number;
  decision: SignOffDecision;
  conditions?: string | null;
  reason?: string | null;
  userId: string;
};

export type DecisionOutcome =
  | {
      ok: true;
      decisionId: string;
      /** The revision the decision is bound to. */
      revision: number;
      currentRevision: number;
      /** The commitment changed while the person was signing: the decision is already out of date. */
      stale: boolean;
    }
  | { ok: false; kind: "already_decided" | "forbidden" | "not_asked" | "no_such_revision"; message: string };

/**
 * Records an organisation's decision on the revision the signatory read, in a transaction of its
 * own so that a refusal can be answered in words. Two signatories of one organisation deciding at
 * once: the database keeps the first and the other hears that someone got there first. An edit
 * that commits while the person is signing: the decision stays bound to the revision they read,
 * and the outcome says it is already stale. Send the email with notifySignOffDecision afterwards.
 */
export async function recordDecision(asUser: AsUser, input: DecisionInput): Promise<DecisionOutcome> {
  if (!SIGN_OFF_DECISIONS.includes(input.decision)) throw new Error(`Not a sign-off decision: ${input.decision}`);
  const row = {
    strategyId: input.strategyId,
    commitmentId: input.commitmentId,
    organisationId: input.organisationId,
    revision: input.revision,
    decision: input.decision,
    // Only the words the decision needs are kept: the database requires exactly those.
    conditions: input.decision === "endorsed_with_conditions" ? (input.conditions ?? "").trim() : null,
    reason: input.decision === "objected" ? (input.reason ?? "").trim() : null,
    signedBy: input.userId,
  };
  const name = input.organisationName;
  try {
    const { id, currentRevision } = await asUser((tx) => insertSignOffDecision(tx, row));
    return { ok: true, decisionId: id, revision: row.revision, currentRevision, stale: row.revision < currentRevision };
  } catch (error) {
    switch (databaseErrorCode(error)) {
      case UNIQUE_VIOLATION:
        return {
          ok: false,
          kind: "already_decided",
          message: `Someone else from ${name} recorded a decision on revision ${row.revision} a moment ago.`,
        };
      case ROW_LEVEL_SECURITY:
        return { ok: false, kind: "forbidden", message: `Only a designated signatory of ${name} can record its decision.` };
      case CHECK_FAILED:
        return {
          ok: false,
          kind: "not_asked",
          message: `${name} can no longer sign off this commitment: it has been archived, or ${name} is no longer asked.`,
        };
      case NO_SUCH_ROW:
        return { ok: false, kind: "no_such_revision", message: `This commitment has no revision ${row.revision}.` };
    }
    throw error;
  }
}

// app.sign_off_decision_bookkeeping and the table's constraints, as SQLSTATE codes.
const UNIQUE_VIOLATION = "23505";
const ROW_LEVEL_SECURITY = "42501";
const CHECK_FAILED = "23514";
const NO_SUCH_ROW = "23503";

/**
 * Sets the default organisations for new commitments: for the whole strategy (priorityId null) or
 * for one priority. Existing commitments keep the organisations they have. In the caller's transaction.
 */
export async function setDefaults(
  tx: Tx,
  { strategyId, priorityId, organisationIds }: { strategyId: string; priorityId: string | null; organisationIds: string[] },
): Promise<OrganisationChanges> {
  const before = (await listSignOffDefaults(tx, strategyId)).filter((d) => d.priorityId === priorityId).map((d) => d.organisationId);
  const wanted = unique(organisationIds);
  const added = wanted.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !wanted.includes(id));
  await deleteSignOffDefaults(tx, { strategyId, priorityId, organisationIds: removed });
  await insertSignOffDefaults(tx, { strategyId, priorityId, organisationIds: added });
  return { added, removed };
}

// ---------------------------------------------------------------------------------------------
// Emails. Sent once the request or decision is committed, so a message never tells of something
// that did not happen; a mail server that fails never fails the action (a warning is logged).

/** What the emails need: the database (read as the service role: addresses are in auth.users), a mailer and the app's address. */
export type SignOffNotifier = { db: Database; mailer: Mailer; appOrigin: string };

/** The notifier of a running server (context.platform). */
export const signOffNotifier = (platform: { db: Database; mailer: Mailer; config: { appOrigin: string } }): SignOffNotifier => ({
  db: platform.db,
  mailer: platform.mailer,
  appOrigin: platform.config.appOrigin,
});

const commitmentPath = (strategyId: string, commitmentId: string) => `/strategies/${strategyId}/commitments/${commitmentId}`;

/** The email asking an organisation's signatory to record its decision. */
export function signOffRequestMail({
  to,
  recipientName,
  organisationName,
  strategyTitle,
  commitmentText,
  revision,
  message,
  askedAgain,
  requestedByName,
  link,
}: {
  to: string;
  recipientName: string;
  organisationName: string;
  strategyTitle: string;
  commitmentText: string;
  revision: number;
  message: string;
  askedAgain: boolean;
  requestedByName: string | null;
  link: string;
}): Mail {
  const opening = askedAgain
    ? [
        `A commitment in “${strategyTitle}” has changed and is now revision ${revision}, so ${organisationName} is asked to sign it off again. A decision on an earlier revision no longer counts.`,
      ]
    : [`${requestedByName ?? "A facilitator"} asks ${organisationName} to sign off revision ${revision} of a commitment in “${strategyTitle}”.`];
  return {
    to,
    subject: askedAgain
      ? `Sign-off needed again: a commitment changed (now revision ${revision})`
      : `Sign-off requested: ${organisationName} is asked to sign off a commitment`,
    text: [
      `Hello ${recipientName},`,
      "",
      ...opening,
      "",
      `“${commitmentText}”`,
      "",
      ...(message ? ["Their message:", message, ""] : []),
      `You are a designated signatory for ${organisationName}. Record its decision (endorse, endorse with conditions, or object) here:`,
      link,
    ].join("\n"),
  };
}

const decisionSubjects: Record<SignOffDecision, (organisation: string) => string> = {
  endorsed: (o) => `${o} endorsed a commitment`,
  endorsed_with_conditions: (o) => `${o} endorsed a commitment, with conditions`,
  objected: (o) => `${o} objected to a commitment`,
};

const decisionWords: Record<SignOffDecision, string> = {
  endorsed: "endorsed it",
  endorsed_with_conditions: "endorsed it, with conditions",
  objected: "objected to it",
};

/** The email telling a facilitator what an organisation decided. */
export function signOffDecisionMail({
  to,
  recipientName,
  organisationName,
  strategyTitle,
  commitmentText,
  revision,
  currentRevision,
  decision,
  conditions,
  reason,
  signedByName,
  link,
}: {
  to: string;
  recipientName: string;
  organisationName: string;
  strategyTitle: string;
  commitmentText: string;
  revision: number;
  currentRevision: number;
  decision: SignOffDecision;
  conditions: string | null;
  reason: string | null;
  signedByName: string;
  link: string;
}): Mail {
  return {
    to,
    subject: decisionSubjects[decision](organisationName),
    text: [
      `Hello ${recipientName},`,
      "",
      `${signedByName || "A signatory"} recorded ${organisationName}’s decision on revision ${revision} of a commitment in “${strategyTitle}”: ${organisationName} ${decisionWords[decision]}.`,
      "",
      `“${commitmentText}”`,
      "",
      ...(conditions ? ["Conditions:", conditions, ""] : []),
      ...(reason ? ["Reason:", reason, ""] : []),
      ...(revision < currentRevision
        ? [`The commitment has changed since: it is now revision ${currentRevision}, so this decision is already out of date.`, ""]
        : []),
      "See the commitment and where its sign-off stands:",
      link,
    ].join("\n"),
  };
}

/** Sends each mail; one that fails is reported as a warning and the rest still go. Returns how many were sent. */
async function sendAll(mailer: Mailer, mails: Mail[]): Promise<number> {
  let sent = 0;
  for (const mail of mails) {
    try {
      await mailer.send(mail);
      sent++;
    } catch (error) {
      console.warn(`[mail] A sign-off email to ${mail.to} could not be sent: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return sent;
}

/** Runs a notification; anything that goes wrong is a warning, never a failed action. */
async function safely(what: string, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (error) {
    console.warn(`[mail] ${what} could not be prepared: ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  }
}

/**
 * Emails each designated signatory of the organisations asked about a revision of a commitment:
 * those a facilitator asked just now (organisationIds), or, after an edit made a new revision,
 * every organisation the database asked again (leave organisationIds out). Returns how many were sent.
 */
export function notifySignOffRequests(
  notifier: SignOffNotifier,
  {
    strategyId,
    commitmentId,
    revision,
    organisationIds,
  }: { strategyId: string; commitmentId: string; revision: number; organisationIds?: string[] },
): Promise<number> {
  if (organisationIds && !organisationIds.length) return Promise.resolve(0);
  return safely("Sign-off request emails", async () => {
    const mails = await notifier.db.asService("sign-off notifications: tell signatories they are asked", async (tx) => {
      const subject = await getNoticeSubject(tx, commitmentId);
      if (!subject) return [];
      const requests = await listRequestNotices(tx, { commitmentId, revision, organisationIds });
      const link = `${notifier.appOrigin}${commitmentPath(strategyId, commitmentId)}/sign-off`;
      const out: Mail[] = [];
      for (const request of requests) {
        const recipients = await listSignOffRecipients(tx, strategyId, { role: "signatory", organisationId: request.organisationId });
        for (const recipient of recipients) {
          out.push(
            signOffRequestMail({
              to: recipient.email,
              recipientName: recipient.name,
              organisationName: request.organisationName,
              strategyTitle: subject.strategyTitle,
              commitmentText: subject.commitmentText,
              revision: request.revision,
              message: request.message,
              askedAgain: request.askedAgain,
              requestedByName: request.requestedByName,
              link: `${link}?organisation=${request.organisationId}`,
            }),
          );
        }
      }
      return out;
    });
    return sendAll(notifier.mailer, mails);
  });
}

/** Emails the strategy's facilitators (other than the person who signed) what an organisation decided. Returns how many were sent. */
export function notifySignOffDecision(
  notifier: SignOffNotifier,
  { strategyId, commitmentId, decisionId }: { strategyId: string; commitmentId: string; decisionId: string },
): Promise<number> {
  return safely("Sign-off decision emails", async () => {
    const mails = await notifier.db.asService("sign-off notifications: tell facilitators of a decision", async (tx) => {
      const subject = await getNoticeSubject(tx, commitmentId);
      const decision = await getDecisionNotice(tx, decisionId);
      if (!subject || !decision) return [];
      const recipients = await listSignOffRecipients(tx, strategyId, { role: "facilitator" });
      return recipients
        .filter((r) => r.userId !== decision.signedBy)
        .map((recipient) =>
          signOffDecisionMail({
            to: recipient.email,
            recipientName: recipient.name,
            organisationName: decision.organisationName,
            strategyTitle: subject.strategyTitle,
            commitmentText: subject.commitmentText,
            revision: decision.revision,
            currentRevision: decision.currentRevision,
            decision: decision.decision,
            conditions: decision.conditions,
            reason: decision.reason,
            signedByName: decision.signedByName,
            link: `${notifier.appOrigin}${commitmentPath(strategyId, commitmentId)}`,
          }),
        );
    });
    return sendAll(notifier.mailer, mails);
  });
}
