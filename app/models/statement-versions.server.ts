import type { Tx } from "~/platform/db.server";
import type { StatementBody } from "~/domain/statement-content";
import { UNSEEN_ACTOR_NAME } from "~/domain/audit";

/** A named version of a statement: a copy of its text at the moment someone saved it. */
export type StatementVersion = {
  id: string;
  statementId: string;
  number: number;
  name: string;
  bodyJson: StatementBody;
  bodyText: string;
  contentHash: string;
  restoredFromId: string | null;
  /** The number of the version this one restored, when it is a restore. */
  restoredFromNumber: number | null;
  authorName: string;
  createdAt: Date;
};

export type StatementVersionSummary = Omit<StatementVersion, "bodyJson" | "bodyText">;

// A reader who may not see the author's profile (a visitor to a public strategy) sees "Someone".
const summaryColumns = `v.id, v.statement_id as "statementId", v.number, v.name, v.content_hash as "contentHash",
  v.restored_from_id as "restoredFromId", r.number as "restoredFromNumber",
  coalesce(p.chosen_name, p.display_name, $1::text) as "authorName", v.created_at as "createdAt"`;

const versionJoins = `from public.statement_versions v
  left join public.statement_versions r on r.id = v.restored_from_id
  left join public.profiles p on p.id = v.created_by`;

/** A statement's versions, newest first, without their text. */
export async function listVersions(tx: Tx, statementId: string): Promise<StatementVersionSummary[]> {
  return tx.query<StatementVersionSummary>(
    `select ${summaryColumns} ${versionJoins} where v.statement_id = $2 order by v.number desc`,
    [UNSEEN_ACTOR_NAME, statementId],
  );
}

/** One version of a statement, with its text, or undefined. */
export async function getVersion(tx: Tx, statementId: string, versionId: string): Promise<StatementVersion | undefined> {
  return tx.one<StatementVersion>(
    `select ${summaryColumns}, v.body_json as "bodyJson", v.body_text as "bodyText"
       ${versionJoins} where v.statement_id = $2 and v.id = $3`,
    [UNSEEN_ACTOR_NAME, statementId, versionId],
  );
}

/**
 * Saves the statement's stored text as its next numbered version (app.save_statement_version
 * copies the text itself and refuses anyone who does not co-write). Returns the new version's id.
 */
export async function saveVersion(
  tx: Tx,
  statementId: string,
  name: string,
  restoredFromId: string | null = null,
): Promise<string> {
  const row = await tx.one<{ id: string }>("select app.save_statement_version($1, $2, $3) as id", [
    statementId,
    name,
    restoredFromId,
  ]);
  return row!.id;
}

/** The number of the newest saved version whose text has this content hash, per hash. */
export async function versionNumbersByHash(tx: Tx, statementId: string): Promise<Record<string, number>> {
  const rows = await tx.query<{ contentHash: string; number: number }>(
    `select content_hash as "contentHash", max(number) as number
       from public.statement_versions where statement_id = $1 group by content_hash`,
    [statementId],
  );
  return Object.fromEntries(rows.map((r) => [r.contentHash, r.number]));
}
