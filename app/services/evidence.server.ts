import type { EvidenceDetails, ReviewDecision } from "~/domain/evidence-form";
import {
  answerReturnedEvidence,
  insertEvidence,
  reviewEvidence as updateReview,
  type EvidenceContent,
} from "~/models/evidence.server";
import type { Tx } from "~/platform/db.server";
import type { StorageAdapter } from "~/platform/storage/types";
import { formatDate } from "~/utils/dates";
import { databaseErrorCode } from "~/utils/db-errors.server";
import { discardStaged, recordUploadedFile, type StagedFile } from "~/utils/upload.server";

/**
 * Submitting evidence, reviewing it and answering a return. Each runs in a transaction of its own
 * so that what the database refuses (a second value for a period, a person who may not do this)
 * comes back as words for the form, not as an error page. A document's file is already in storage
 * when these run; if the transaction does not commit, the file is removed again.
 */

type AsUser = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/** Which field a refusal belongs beside ("" for the form as a whole), and its words. */
export type EvidenceRefusal = { ok: false; field: "periodEnd" | "target" | ""; message: string };

export type SubmitOutcome = { ok: true; evidenceId: string } | EvidenceRefusal;

/** A document's file, stored and waiting to be recorded with the evidence. */
export type StagedUpload = { staged: StagedFile; storage: StorageAdapter };

// The evidence table's constraints and app.evidence_bookkeeping, as SQLSTATE codes.
const UNIQUE_VIOLATION = "23505";
const ROW_LEVEL_SECURITY = "42501";
const NO_SUCH_ROW = "23503";
const CHECK_FAILED = "23514";

/** The database's refusal in words, or undefined when it is not one the form can answer. */
function refusalFor(error: unknown, details: Pick<EvidenceDetails, "periodEnd">, forbidden: string): EvidenceRefusal | undefined {
  switch (databaseErrorCode(error)) {
    case UNIQUE_VIOLATION:
      return {
        ok: false,
        field: "periodEnd",
        message: `There is already a value for this measure for the period ending ${details.periodEnd ? formatDate(details.periodEnd) : "that date"}. If it is wrong, ask an evaluator to reject it, then submit yours.`,
      };
    case ROW_LEVEL_SECURITY:
      return { ok: false, field: "", message: forbidden };
    case NO_SUCH_ROW:
      return { ok: false, field: "target", message: "What the evidence is for is no longer part of this strategy. Select another." };
  }
  return undefined;
}

const contentOf = (details: EvidenceDetails, fileId: string | null): EvidenceContent => ({
  category: details.category,
  target: details.target,
  title: details.title,
  body: details.body,
  source: details.source,
  evidenceDate: details.evidenceDate,
  value: details.value,
  periodStart: details.periodStart,
  periodEnd: details.periodEnd,
  judgement: details.judgement,
  fileId,
  consentQuote: details.consentQuote,
  consentPublish: details.consentPublish,
  anonymised: details.anonymised,
});

/**
 * Submits one piece of evidence as the signed-in person: a document's file is recorded and the
 * evidence inserted in one transaction. A document needs its staged file.
 */
export async function submitEvidence(
  asUser: AsUser,
  { strategyId, details, upload }: { strategyId: string; details: EvidenceDetails; upload?: StagedUpload | null },
): Promise<SubmitOutcome> {
  if ((details.kind === "document") !== Boolean(upload)) {
    throw new Error(details.kind === "document" ? "A document needs its file" : "Only a document carries a file");
  }
  try {
    const evidenceId = await asUser(async (tx) => {
      const fileId = upload ? await recordUploadedFile(tx, { strategyId, staged: upload.staged }) : null;
      return insertEvidence(tx, { strategyId, kind: details.kind, ...contentOf(details, fileId) });
    });
    return { ok: true, evidenceId };
  } catch (error) {
    if (upload) await discardStaged(upload.storage, upload.staged);
    const refusal = refusalFor(error, details, "Only members of this strategy can submit evidence to it.");
    if (refusal) return refusal;
    throw error;
  }
}

export type ReviewOutcome = { ok: true } | { ok: false; kind: "already_reviewed" | "forbidden"; message: string };

/**
 * Verifies, returns or rejects submitted evidence. A note is required to return or reject it
 * (the submitter reads it); the database records who reviewed it and when. Two reviewers at once:
 * the first decision stands and the second hears so.
 */
export async function reviewEvidence(
  asUser: AsUser,
  { strategyId, evidenceId, decision, note }: { strategyId: string; evidenceId: string; decision: ReviewDecision; note: string | null },
): Promise<ReviewOutcome> {
  if (decision !== "verified" && !note) throw new Error("Returning or rejecting evidence needs a note");
  try {
    const reviewed = await asUser((tx) => updateReview(tx, strategyId, evidenceId, { status: decision, note }));
    if (!reviewed) {
      return { ok: false, kind: "already_reviewed", message: "Someone has already reviewed this evidence. Its status is shown below." };
    }
    return { ok: true };
  } catch (error) {
    const code = databaseErrorCode(error);
    if (code === ROW_LEVEL_SECURITY) {
      return { ok: false, kind: "forbidden", message: "Only an evaluator or a facilitator of this strategy can review evidence." };
    }
    if (code === CHECK_FAILED) {
      return { ok: false, kind: "already_reviewed", message: "Someone has already reviewed this evidence. Its status is shown below." };
    }
    throw error;
  }
}

export type AnswerOutcome = { ok: true } | EvidenceRefusal | { ok: false; field: ""; kind: "not_returned"; message: string };

/**
 * The submitter's answer to a return: the evidence, changed, goes back for review. A document may
 * come with a new file, which replaces the old one in the same transaction.
 */
export async function answerReturn(
  asUser: AsUser,
  {
    strategyId,
    evidenceId,
    details,
    upload,
  }: { strategyId: string; evidenceId: string; details: EvidenceDetails; upload?: StagedUpload | null },
): Promise<AnswerOutcome> {
  try {
    const answered = await asUser(async (tx) => {
      const fileId = upload ? await recordUploadedFile(tx, { strategyId, staged: upload.staged }) : null;
      return answerReturnedEvidence(tx, strategyId, evidenceId, contentOf(details, fileId));
    });
    if (!answered) {
      if (upload) await discardStaged(upload.storage, upload.staged);
      return {
        ok: false,
        field: "",
        kind: "not_returned",
        message: "This evidence is no longer waiting for your answer. Its status is shown below.",
      };
    }
    return { ok: true };
  } catch (error) {
    if (upload) await discardStaged(upload.storage, upload.staged);
    const refusal = refusalFor(error, details, "Only the person who submitted this evidence can answer its return.");
    if (refusal) return refusal;
    throw error;
  }
}
