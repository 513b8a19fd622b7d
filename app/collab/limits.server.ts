import * as Y from "yjs";
import type {
  Extension,
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  connectedPayload,
  onAuthenticatePayload,
  onChangePayload,
} from "@hocuspocus/server";
import { readDocumentUpdate } from "./updates.server";
import { refusal } from "./refusal.server";

/** How long a place kept for a connection still authenticating or loading is held. */
const RESERVATION_MS = 30_000;

/**
 * Connection limits: at most `max` connections to one document in this process. Runs after
 * authentication, and keeps a place for each admitted connection until it is connected, so a
 * crowd arriving at once cannot all slip under the limit while the document loads.
 */
export class ConnectionLimitExtension implements Extension {
  extensionName = "ConnectionLimit";
  priority = 100;

  private readonly reserved = new Map<string, number[]>();

  constructor(private readonly max: number) {}

  async onAuthenticate({ documentName, instance }: onAuthenticatePayload) {
    const now = Date.now();
    const pending = (this.reserved.get(documentName) ?? []).filter((until) => until > now);
    const open = instance.documents.get(documentName)?.getConnectionsCount() ?? 0;
    if (open + pending.length >= this.max) {
      this.reserved.set(documentName, pending);
      throw refusal("too-many-connections");
    }
    pending.push(now + RESERVATION_MS);
    this.reserved.set(documentName, pending);
  }

  async connected({ documentName }: connectedPayload) {
    const pending = this.reserved.get(documentName);
    pending?.shift();
    if (!pending?.length) this.reserved.delete(documentName);
  }
}

/**
 * Document size limit: the size of each open document is known (exactly after every load and
 * store, and counted up by each update in between, which only ever overestimates), so a message
 * whose update would take a document past the limit is refused before Hocuspocus applies it.
 */
export class DocumentSizeLimit implements Extension {
  extensionName = "DocumentSizeLimit";

  private readonly sizes = new Map<string, number>();

  constructor(readonly maxBytes: number) {}

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload) {
    this.sizes.set(documentName, Y.encodeStateAsUpdate(document).byteLength);
  }

  async onChange({ documentName, update }: onChangePayload) {
    this.sizes.set(documentName, (this.sizes.get(documentName) ?? 0) + update.byteLength);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
    this.sizes.delete(documentName);
  }

  /** The real size of a document just stored. */
  stored(documentName: string, byteSize: number) {
    if (this.sizes.has(documentName)) this.sizes.set(documentName, byteSize);
  }

  /** Whether a message may go on to Hocuspocus: anything but an update that would make its document too large. */
  admits(message: Uint8Array): boolean {
    const carried = readDocumentUpdate(message);
    if (!carried) return true;
    return (this.sizes.get(carried.documentName) ?? 0) + carried.update.byteLength <= this.maxBytes;
  }
}
