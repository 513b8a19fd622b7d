import type { Tx } from "~/platform/db.server";
import { getStatementById } from "~/models/statements.server";
import { getVersion, saveVersion, versionNumbersByHash } from "~/models/statement-versions.server";
import type { StatementTextControl } from "./statement-agreement.server";

/** Runs a function in one transaction as the person acting (withDb), so RLS decides. */
type AsUser = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * Saves the statement's text as its next named version. The live document is stored first, so
 * the version holds what the editors see now, not what was last stored a moment ago.
 */
export async function saveStatementVersion(
  asUser: AsUser,
  collab: StatementTextControl,
  statementId: string,
  name: string,
): Promise<string> {
  await collab.flush(statementId);
  return asUser((tx) => saveVersion(tx, statementId, name));
}

/**
 * Restores an old version as a new change: the live document takes the old text as one ordinary
 * edit (connected editors see it arrive), then that text is saved as a new version, "Restored from
 * version N", pointing at the one restored. Nothing is lost: when the text being replaced is not
 * yet a saved version, it is saved first ("Text before restoring version N"), and every earlier
 * version stays. Returns the new version's id, or null when there is no such version of this statement.
 */
export async function restoreStatementVersion(
  asUser: AsUser,
  collab: StatementTextControl,
  { statementId, versionId, userId }: { statementId: string; versionId: string; userId: string },
): Promise<string | null> {
  await collab.flush(statementId);
  const version = await asUser(async (tx) => {
    const found = await getVersion(tx, statementId, versionId);
    const current = found && (await getStatementById(tx, statementId));
    if (!found || !current) return null;
    const saved = await versionNumbersByHash(tx, statementId);
    if (current.bodyText !== "" && saved[current.contentHash] === undefined) {
      await saveVersion(tx, statementId, `Text before restoring version ${found.number}`);
    }
    return found;
  });
  if (!version) return null;
  await collab.replaceBody(statementId, version.bodyJson, { userId });
  await collab.flush(statementId);
  return asUser((tx) => saveVersion(tx, statementId, `Restored from version ${version.number}`, version.id));
}
