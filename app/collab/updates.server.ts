import * as decoding from "lib0/decoding";

/**
 * Reading a Hocuspocus message before Hocuspocus does: which document it is for and the Yjs
 * update it carries, so an update that would make a document too large is refused unapplied.
 */

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The document name and the Yjs update a message carries, or null for any other message. */
export function readDocumentUpdate(message: Uint8Array): { documentName: string; update: Uint8Array } | null {
  try {
    const decoder = decoding.createDecoder(message);
    const address = decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
    const syncType = decoding.readVarUint(decoder);
    if (syncType !== SYNC_STEP_2 && syncType !== SYNC_UPDATE) return null;
    const separator = address.indexOf("\0");
    return {
      documentName: separator === -1 ? address : address.slice(0, separator),
      update: decoding.readVarUint8Array(decoder),
    };
  } catch {
    return null;
  }
}
