import { z } from "zod";
import { SIGN_OFF_DECISIONS, SIGN_OFF_STATES } from "./sign-off";

/**
 * A published version of a strategy: the snapshot the database takes when a facilitator
 * publishes (app.strategy_snapshot), read back through this schema so a page never renders a
 * shape it does not expect, and the words said about each version. Browser-safe.
 */

const text = z.string();
const maybeText = z.string().nullable().default(null);

const snapshotSignOffSchema = z.object({
  organisation: text,
  state: z.enum(SIGN_OFF_STATES),
  decision: z.enum(SIGN_OFF_DECISIONS).nullable().default(null),
  revision: z.number().int().nullable().default(null),
  signed_by_name: maybeText,
  signed_at: maybeText,
  conditions: maybeText,
  reason: maybeText,
});

const snapshotCommitmentSchema = z.object({
  id: text,
  position: z.number().int(),
  text,
  responsible_parties: z.array(text),
  lead_organisation: maybeText,
  due_date: maybeText,
  status: text,
  revision: z.number().int(),
  content_hash: text,
  agreed: z.boolean(),
  sign_offs: z.array(snapshotSignOffSchema),
});

const snapshotPrioritySchema = z.object({
  id: text,
  position: z.number().int(),
  title: text,
  summary: text,
  commitments: z.array(snapshotCommitmentSchema),
});

const snapshotStatementSchema = z.object({
  id: text,
  kind: z.enum(["i", "we"]),
  title: text,
  status: text,
  text,
  content_hash: text,
});

/** The snapshot kept with a published version (strategy_publications.snapshot). */
export const publicationSnapshotSchema = z.object({
  strategy: z.object({ title: text, summary: text, scope: text, area: maybeText }),
  priorities: z.array(snapshotPrioritySchema),
  statements: z.array(snapshotStatementSchema),
});

export type PublicationSnapshot = z.infer<typeof publicationSnapshotSchema>;
export type SnapshotCommitment = z.infer<typeof snapshotCommitmentSchema>;
export type SnapshotSignOff = z.infer<typeof snapshotSignOffSchema>;

/** Why the facilitator published before every commitment was agreed: required, kept and shown. */
export const publishAnywaySchema = z.object({
  reason: z
    .string({ message: "Enter why you are publishing before every commitment is agreed" })
    .trim()
    .min(10, "The reason must be 10 characters or more")
    .max(2000, "The reason must be 2,000 characters or fewer"),
});

/** What a version says about agreement: "Every commitment agreed", or how many were and why it was published anyway. */
export function publicationAgreementWords(p: {
  allAgreed: boolean;
  commitmentsAgreed: number;
  commitmentsTotal: number;
  overrideReason: string | null;
}): string {
  if (p.allAgreed) return "Every commitment agreed";
  const counted = `Published with ${p.commitmentsAgreed} of ${p.commitmentsTotal} ${p.commitmentsTotal === 1 ? "commitment" : "commitments"} agreed`;
  return p.overrideReason ? `${counted} — reason: ${p.overrideReason}` : counted;
}
