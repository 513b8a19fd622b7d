import * as Y from "yjs";
import { isTransactionOrigin, type Extension, type afterLoadDocumentPayload, type afterUnloadDocumentPayload } from "@hocuspocus/server";
import type { Tx } from "~/platform/db.server";
import type { RoleGroup } from "~/domain/statements";
import { addContributions, auditStatementEvent } from "~/models/statement-documents.server";
import type { CollabContext } from "./types";

/** What one transaction changed in the text: characters inserted and removed. */
export type TextChange = { added: number; removed: number };

const codePoints = (text: string) => {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
};

/**
 * The characters a transaction inserted and removed, read from the structs it created and the
 * ranges it deleted, after it is applied and before Yjs collects the deleted content. Formatting
 * and structure (a new paragraph, bold) are not characters; text typed and deleted in the same
 * transaction counts for neither.
 */
export function measureTransaction(transaction: Y.Transaction): TextChange {
  const store = transaction.doc.store;
  let added = 0;
  let removed = 0;
  transaction.afterState.forEach((after, client) => {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) return;
    const structs = store.clients.get(client);
    if (!structs) return;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!;
      if (struct.id.clock >= after) break;
      if (struct instanceof Y.Item && !struct.deleted && struct.content instanceof Y.ContentString) {
        const start = Math.max(0, before - struct.id.clock);
        added += codePoints(struct.content.str.slice(start));
      }
    }
  });
  transaction.deleteSet.clients.forEach((ranges, client) => {
    const structs = store.clients.get(client);
    if (!structs) return;
    const before = transaction.beforeState.get(client) ?? 0;
    for (const range of ranges) {
      const end = range.clock + range.len;
      for (let i = Y.findIndexSS(structs, range.clock); i < structs.length; i++) {
        const struct = structs[i]!;
        if (struct.id.clock >= end) break;
        // Text inserted by this same transaction was never there for anyone to lose.
        if (struct.id.clock >= before) continue;
        if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) {
          const from = Math.max(range.clock, struct.id.clock) - struct.id.clock;
          const to = Math.min(end, struct.id.clock + struct.length) - struct.id.clock;
          removed += codePoints(struct.content.str.slice(from, to));
        }
      }
    }
  });
  return { added, removed };
}

/** Whether a transaction changed anything (it may change only structure or formatting). */
function changedAnything(transaction: Y.Transaction) {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true;
  return false;
}

type Tally = { userId: string; roleGroup: RoleGroup; added: number; removed: number; edits: number; firstAt: Date; lastAt: Date };

/** What is waiting to be written with a document's next store. */
export type AuditBatch = { tallies: Tally[]; restores: { actorId: string; at: Date }[] };

/**
 * Audit and contribution: measures what each connection really wrote, from the Yjs transactions
 * its updates made (never from anything a client says about itself), attributes it to the person
 * and their role group, and hands it to the document's next store, which writes
 * statement_contributions and one audit event per writer in its own transaction. A restore is
 * audited as its actor's and is nobody's writing (it is not a connection's transaction).
 */
export class AuditExtension implements Extension {
  extensionName = "Audit";

  private readonly tallies = new Map<string, Map<string, Tally>>();
  private readonly restores = new Map<string, AuditBatch["restores"]>();

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload) {
    document.on("afterTransaction", (transaction: Y.Transaction) => {
      const origin = transaction.origin;
      if (!isTransactionOrigin(origin) || origin.source !== "connection") return;
      const context = origin.connection.context as Partial<CollabContext> | undefined;
      if (!context?.userId || context.readOnly !== false || !context.roleGroup) return;
      if (!changedAnything(transaction)) return;
      this.record(documentName, context.userId, context.roleGroup, measureTransaction(transaction));
    });
  }

  private record(documentName: string, userId: string, roleGroup: RoleGroup, change: TextChange) {
    let tallies = this.tallies.get(documentName);
    if (!tallies) this.tallies.set(documentName, (tallies = new Map()));
    const key = `${userId}:${roleGroup}`;
    const now = new Date();
    const tally = tallies.get(key) ?? { userId, roleGroup, added: 0, removed: 0, edits: 0, firstAt: now, lastAt: now };
    tally.added += change.added;
    tally.removed += change.removed;
    tally.edits += 1;
    tally.lastAt = now;
    tallies.set(key, tally);
  }

  /** Remembers a restore, to be audited with the store that saves it. */
  recordRestore(documentName: string, actorId: string) {
    const list = this.restores.get(documentName) ?? [];
    list.push({ actorId, at: new Date() });
    this.restores.set(documentName, list);
  }

  /** Whether writing or a restore is waiting to be stored. */
  hasPending(documentName: string): boolean {
    return (this.tallies.get(documentName)?.size ?? 0) > 0 || (this.restores.get(documentName)?.length ?? 0) > 0;
  }

  /** Takes what is waiting for a store; give it back with `putBack` if the store fails. */
  take(documentName: string): AuditBatch {
    const batch = { tallies: [...(this.tallies.get(documentName)?.values() ?? [])], restores: this.restores.get(documentName) ?? [] };
    this.tallies.delete(documentName);
    this.restores.delete(documentName);
    return batch;
  }

  /** Returns a batch whose store failed, merged with anything recorded since. */
  putBack(documentName: string, batch: AuditBatch) {
    let tallies = this.tallies.get(documentName);
    if (!tallies) this.tallies.set(documentName, (tallies = new Map()));
    for (const tally of batch.tallies) {
      const key = `${tally.userId}:${tally.roleGroup}`;
      const newer = tallies.get(key);
      tallies.set(
        key,
        newer
          ? { ...tally, added: tally.added + newer.added, removed: tally.removed + newer.removed, edits: tally.edits + newer.edits, lastAt: newer.lastAt }
          : tally,
      );
    }
    if (tallies.size === 0) this.tallies.delete(documentName);
    if (batch.restores.length) this.restores.set(documentName, [...batch.restores, ...(this.restores.get(documentName) ?? [])]);
  }

  /** Forgets an unloaded document: anything it had was stored before Hocuspocus let it go. */
  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
    this.tallies.delete(documentName);
    this.restores.delete(documentName);
  }

  /** Writes a batch inside the store's transaction (service role). */
  async write(tx: Tx, statement: { statementId: string; strategyId: string; contentVersion: number }, batch: AuditBatch) {
    await addContributions(
      tx,
      statement.strategyId,
      statement.statementId,
      batch.tallies.map((t) => ({
        userId: t.userId,
        roleGroup: t.roleGroup,
        charsAdded: t.added,
        charsRemoved: t.removed,
        edits: t.edits,
        firstAt: t.firstAt,
        lastAt: t.lastAt,
      })),
    );
    for (const tally of batch.tallies) {
      await auditStatementEvent(tx, {
        actorId: tally.userId,
        strategyId: statement.strategyId,
        statementId: statement.statementId,
        action: "edited",
        details: { chars_added: tally.added, chars_removed: tally.removed, edits: tally.edits, content_version: statement.contentVersion },
      });
    }
    for (const restore of batch.restores) {
      await auditStatementEvent(tx, {
        actorId: restore.actorId,
        strategyId: statement.strategyId,
        statementId: statement.statementId,
        action: "restored",
        details: { content_version: statement.contentVersion },
      });
    }
  }
}
