import * as Y from "yjs";
import type { Extension, onLoadDocumentPayload, onStoreDocumentPayload, LocalTransactionOrigin } from "@hocuspocus/server";
import type { Database } from "~/platform/db.server";
import { statementIdFromDocumentName } from "~/domain/statements";
import { getDocumentState, getStoredDocument, lockStatementContent } from "~/models/statement-documents.server";
import { seedState, storeDerivedContent } from "./document.server";
import type { AuditExtension } from "./audit.server";
import { refusal } from "./refusal.server";

/** Changes the server makes itself while loading or merging: not anyone's writing, and not a reason to store. */
const SERVER_ORIGIN: LocalTransactionOrigin = { source: "local", skipStoreHooks: true };

/** The statement was removed while its document was open: there is nothing left to store into. */
class StatementGone extends Error {}

export type RetryPolicy = { firstDelayMs: number; maxDelayMs: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Persistence: loads a statement's Yjs document from statement_documents (or seeds it from the
 * statement's body_json when it has none) and stores it, with the content derived from it and the
 * writing measured since the last store, in one service-role transaction.
 *
 * Guarantees: a document whose load failed is never stored (Hocuspocus does not open it, and this
 * extension stores only documents it loaded completely). A failed store is retried with backoff
 * while the document stays in memory (Hocuspocus keeps a document whose store is running). A store
 * first merges in whatever state is already stored, so an instance can never overwrite text that
 * another instance stored: Yjs states only ever grow by union.
 */
export class PersistenceExtension implements Extension {
  extensionName = "Persistence";

  private readonly loaded = new WeakSet<Y.Doc>();

  constructor(
    private readonly options: {
      db: Database;
      audit: AuditExtension;
      retry: RetryPolicy;
      /** Told the real size of each document stored, to keep the size limit exact. */
      onStored?: (documentName: string, byteSize: number) => void;
    },
  ) {}

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
    const statementId = statementIdFromDocumentName(documentName);
    if (!statementId) throw refusal("not-found");
    let stored;
    try {
      stored = await this.options.db.asService("collaboration: load a statement's document", (tx) => getStoredDocument(tx, statementId));
    } catch (error) {
      console.error(`[collab] could not load ${documentName}; the connection is refused and nothing is stored:`, (error as Error).message);
      throw refusal("unavailable");
    }
    if (!stored) throw refusal("not-found");
    Y.applyUpdate(document, stored.state ?? seedState(stored.bodyJson), SERVER_ORIGIN);
    this.loaded.add(document);
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload) {
    // Only a document loaded in full is ever stored: never an empty or half-loaded one.
    if (!this.loaded.has(document)) return;
    await this.storeUntilStored(document, documentName);
  }

  private async storeUntilStored(document: Y.Doc, documentName: string) {
    let delay = this.options.retry.firstDelayMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.storeOnce(document, documentName);
        if (attempt > 1) console.log(`[collab] stored ${documentName} after ${attempt - 1} failed attempt(s)`);
        return;
      } catch (error) {
        if (error instanceof StatementGone) {
          console.warn(`[collab] ${documentName} was removed while open; its last changes are not stored`);
          return;
        }
        console.error(
          `[collab] could not store ${documentName} (attempt ${attempt}); it stays in memory and is tried again in ${delay} ms:`,
          (error as Error).message,
        );
        await sleep(delay);
        delay = Math.min(delay * 2, this.options.retry.maxDelayMs);
      }
    }
  }

  private async storeOnce(document: Y.Doc, documentName: string) {
    const statementId = statementIdFromDocumentName(documentName)!;
    const batch = this.options.audit.take(documentName);
    try {
      const byteSize = await this.options.db.asService("collaboration persistence", async (tx) => {
        // Locks the statement, so stores of one statement (from any instance) take turns.
        if (!(await lockStatementContent(tx, statementId))) throw new StatementGone();
        const stored = await getDocumentState(tx, statementId);
        if (stored) Y.applyUpdate(document, stored, SERVER_ORIGIN);
        const result = await storeDerivedContent(tx, statementId, document);
        await this.options.audit.write(tx, { statementId, strategyId: result.strategyId, contentVersion: result.contentVersion }, batch);
        return result.byteSize;
      });
      this.options.onStored?.(documentName, byteSize);
    } catch (error) {
      this.options.audit.putBack(documentName, batch);
      throw error;
    }
  }
}
