import type { Database } from "../../app/platform/db.server";
import type { StatementBody } from "../../app/domain/statement-content";
import type { RoleGroup } from "../../app/domain/statements";
import { storeBody } from "../../app/collab/document.server";
import { addContributions } from "../../app/models/statement-documents.server";
import { insertStatement } from "../../app/models/statements.server";
import { addMember, createStrategy, createUser, type TestUser } from "./factories";

/** A body of plain paragraphs, one per line of `text`. */
export const paragraphs = (text: string): StatementBody => ({
  type: "doc",
  content: text.split("\n").map((line) => (line ? { type: "paragraph", content: [{ type: "text", text: line }] } : { type: "paragraph" })),
});

/**
 * A strategy with one person in each kind of role, someone from outside it, and one draft
 * statement written by its facilitator.
 */
export async function statementWithPeople(db: Database, { visibility = "private" as "public" | "private" } = {}) {
  const facilitator = await createUser(db, { displayName: "Fatima Facilitator" });
  const lived = await createUser(db, { displayName: "Samuel Okoro", chosenName: "Sam" });
  const worker = await createUser(db, { displayName: "Priya Worker" });
  const partner = await createUser(db, { displayName: "Dev Partner" });
  const observer = await createUser(db, { displayName: "Olu Observer" });
  const outsider = await createUser(db, { displayName: "Oscar Outsider" });
  const { strategyId } = await createStrategy(db, facilitator, { visibility });
  await addMember(db, facilitator, strategyId, lived, [{ role: "lived_experience" }]);
  await addMember(db, facilitator, strategyId, worker, [{ role: "worker" }]);
  await addMember(db, facilitator, strategyId, partner, [{ role: "partner" }]);
  await addMember(db, facilitator, strategyId, observer, [{ role: "observer" }]);
  const statementId = await addStatement(db, facilitator, strategyId);
  return { strategyId, statementId, facilitator, lived, worker, partner, observer, outsider };
}

/** Adds a draft statement as `author`. */
export function addStatement(db: Database, author: TestUser, strategyId: string, title = "I choose who supports me") {
  return db.asUser(author.claims, (tx) => insertStatement(tx, { strategyId, kind: "i", title, theme: "workforce", createdBy: author.id }));
}

/**
 * Changes a statement's text as the collaboration server does when it stores the live document
 * (service role): the Yjs state and the body, plain text and content hash derived from it.
 * With `by`, the writing is also counted for that person, as the server measures it.
 */
export async function writeText(
  db: Database,
  statementId: string,
  text: string,
  by?: { user: TestUser; roleGroup: RoleGroup; charsAdded?: number },
) {
  return db.asService("test: the collaboration server stores a document", async (tx) => {
    const stored = await storeBody(tx, statementId, paragraphs(text));
    if (by) {
      await addContributions(tx, stored.strategyId, statementId, [
        { userId: by.user.id, roleGroup: by.roleGroup, charsAdded: by.charsAdded ?? text.length, charsRemoved: 0, edits: 1 },
      ]);
    }
    return stored;
  });
}

/** The SQLSTATE a database call failed with, or a failure if it succeeded. */
export async function sqlStateOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  throw new Error("Expected the database to refuse, but it accepted");
}

/** The current content of a statement, read as the service role. */
export function statementContent(db: Database, statementId: string) {
  return db.asService("test: read a statement's content", (tx) =>
    tx.one<{ bodyJson: StatementBody; bodyText: string; contentHash: string; status: string }>(
      `select body_json as "bodyJson", body_text as "bodyText", content_hash as "contentHash", status
         from public.statements where id = $1`,
      [statementId],
    ),
  );
}
