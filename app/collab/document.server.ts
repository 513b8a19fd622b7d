import { createHash } from "node:crypto";
import * as Y from "yjs";
import { getSchema, type JSONContent } from "@tiptap/core";
import {
  prosemirrorJSONToYDoc,
  prosemirrorJSONToYXmlFragment,
  updateYFragment,
  yXmlFragmentToProseMirrorRootNode,
} from "@tiptap/y-tiptap";
import {
  EMPTY_BODY,
  bodyToText,
  canonicalBody,
  isAllowedLink,
  statementExtensions,
  type StatementBody,
} from "~/domain/statement-content";
import type { Tx } from "~/platform/db.server";
import {
  lockStatementContent,
  updateStatementContent,
  upsertStatementDocument,
} from "~/models/statement-documents.server";

/**
 * A statement's text lives in a Yjs document (the XML fragment Tiptap's Collaboration extension
 * edits). Everything else (body_json, body_text, content_hash) is derived from it here, with the
 * same schema the editor uses, so what is stored is what the editor could show.
 */

/** The fragment Tiptap's Collaboration extension binds to when none is named. */
export const FRAGMENT = "default";

let cachedSchema: ReturnType<typeof getSchema> | undefined;
const schema = () => (cachedSchema ??= getSchema(statementExtensions()));

/** A Yjs update that holds the body, to seed a document or replace its text. */
export function bodyToState(body: StatementBody): Uint8Array {
  const doc = bodyToDoc(body);
  try {
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** A new Yjs document holding the body. */
export function bodyToDoc(body: StatementBody): Y.Doc {
  return prosemirrorJSONToYDoc(schema(), sanitiseBody(body), FRAGMENT);
}

/**
 * The body a Yjs document (or update) holds, read through the statement schema: nodes and
 * marks the schema does not know are dropped, and links to anything but http, https and mailto
 * lose their link (a client could send any attribute; the browser editor would refuse it).
 */
export function stateToBody(state: Uint8Array | Y.Doc): StatementBody {
  const doc = state instanceof Y.Doc ? state : new Y.Doc();
  try {
    if (!(state instanceof Y.Doc)) Y.applyUpdate(doc, state);
    const json = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(FRAGMENT), schema()).toJSON() as JSONContent;
    return sanitiseBody(json);
  } finally {
    if (!(state instanceof Y.Doc)) doc.destroy();
  }
}

/** The sha256 (hex) of the canonical body: endorsements bind to it. */
export function contentHash(body: StatementBody): string {
  return createHash("sha256").update(canonicalBody(body)).digest("hex");
}

/** Removes links the app does not allow and gives an empty document its one empty paragraph. */
export function sanitiseBody(body: StatementBody): StatementBody {
  const clean = (node: JSONContent): JSONContent => {
    const out: JSONContent = { ...node };
    if (node.marks) {
      const marks = node.marks.filter((m) => m.type !== "link" || isAllowedLink(m.attrs?.href as string | undefined));
      if (marks.length) out.marks = marks;
      else delete out.marks;
    }
    if (node.content) out.content = node.content.map(clean);
    return out;
  };
  const cleaned = clean(body);
  if (cleaned.type !== "doc" || !cleaned.content?.length) return structuredClone(EMPTY_BODY);
  return cleaned;
}

export type DerivedContent = {
  bodyJson: StatementBody;
  bodyText: string;
  contentHash: string;
};

/** The content derived from a document: ProseMirror JSON, plain text and hash. */
export function deriveContent(state: Uint8Array | Y.Doc): DerivedContent {
  const bodyJson = stateToBody(state);
  return { bodyJson, bodyText: bodyToText(bodyJson), contentHash: contentHash(bodyJson) };
}

export type StoredContent = {
  strategyId: string;
  /** Whether the text changed (and so content_version was counted up). */
  changed: boolean;
  contentHash: string;
  contentVersion: number;
  byteSize: number;
};

/**
 * Stores a statement's Yjs state and, when the text changed, its derived content with the next
 * content version. `tx` must be a service-role transaction (statement_documents is reachable by
 * no one else); the statement row is locked so two stores of one statement count versions in turn.
 */
export async function storeDerivedContent(tx: Tx, statementId: string, doc: Y.Doc | Uint8Array): Promise<StoredContent> {
  const state = doc instanceof Y.Doc ? Y.encodeStateAsUpdate(doc) : doc;
  const current = await lockStatementContent(tx, statementId);
  if (!current) throw new Error(`No statement ${statementId} to store`);
  const derived = deriveContent(doc);
  await upsertStatementDocument(tx, statementId, current.strategyId, state);
  if (derived.contentHash === current.contentHash) {
    return { strategyId: current.strategyId, changed: false, contentHash: current.contentHash, contentVersion: current.contentVersion, byteSize: state.byteLength };
  }
  const contentVersion = await updateStatementContent(tx, statementId, derived);
  return { strategyId: current.strategyId, changed: true, contentHash: derived.contentHash, contentVersion, byteSize: state.byteLength };
}

/**
 * Seeds a statement with a body, as the demo seed and tests do: stores the Yjs state and the
 * derived content in the caller's service-role transaction.
 */
export async function storeBody(tx: Tx, statementId: string, body: StatementBody): Promise<StoredContent> {
  return storeDerivedContent(tx, statementId, bodyToState(body));
}

/** The client id of seeded content: the same body always seeds the same Yjs items. */
const SEED_CLIENT_ID = 0;

/**
 * The Yjs state for a statement that has text (body_json) but no document yet. Deterministic, so
 * two instances that seed the same statement at once make identical items that merge into one
 * copy of the text rather than two.
 */
export function seedState(body: StatementBody): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = SEED_CLIENT_ID;
  try {
    prosemirrorJSONToYXmlFragment(schema(), sanitiseBody(body), doc.getXmlFragment(FRAGMENT));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Changes a live document's text to the body as ordinary Yjs edits (only what differs), so
 * everyone connected sees the change and no one's history is lost. Used to restore a version.
 */
export function replaceText(doc: Y.Doc, body: StatementBody) {
  const node = schema().nodeFromJSON(sanitiseBody(body));
  updateYFragment(doc, doc.getXmlFragment(FRAGMENT), node, { mapping: new Map(), isOMark: new Map() });
}
