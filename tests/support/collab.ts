import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import * as Y from "yjs";
import WebSocket from "ws";
import * as decoding from "lib0/decoding";
import { vi } from "vitest";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import type { Database } from "../../app/platform/db.server";
import { createCollabService, COLLAB_PATH, type CollabOptions, type CollabServer } from "../../app/collab/server.server";
import { FRAGMENT, stateToBody } from "../../app/collab/document.server";
import { bodyToText } from "../../app/domain/statement-content";
import { statementDocumentName } from "../../app/domain/statements";

export const APP_ORIGIN = "http://hub.test";

/** Hocuspocus' message saying whether the server applied an update it was sent. */
const SYNC_STATUS = 8;

/** One secret for every instance a test starts, as instances sharing a Redis must have. */
export const TEST_SECRET = randomBytes(32);

export type RunningCollab = { service: CollabServer; url: string; port: number; stop(): Promise<void> };

/**
 * A real HTTP server on a free port whose /collab upgrades go to a real collaboration service,
 * wired as server/index.ts wires it. Stores quickly, so tests need not wait for the default debounce.
 */
export async function startCollab(db: Database, options: Partial<CollabOptions> = {}): Promise<RunningCollab> {
  const service = createCollabService({
    db,
    appOrigin: APP_ORIGIN,
    secret: TEST_SECRET,
    maxConnectionsPerDocument: 200,
    maxDocumentBytes: 1024 * 1024,
    debounceMs: 50,
    maxDebounceMs: 500,
    retry: { firstDelayMs: 20, maxDelayMs: 200 },
    ...options,
  });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => {
    if (new URL(req.url ?? "/", "http://localhost").pathname === COLLAB_PATH) service.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    service,
    port,
    url: `ws://127.0.0.1:${port}${COLLAB_PATH}`,
    stop() {
      stopped ??= (async () => {
        await service.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return stopped;
    },
  };
}

export type Client = {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  /** Reasons the server refused the connection (authenticationFailed). */
  refusals: string[];
  /** Reasons the server gave when it closed the connection. */
  closes: { code: number; reason: string }[];
  /** The server's answer to each update this client sent: applied or refused. */
  answers: boolean[];
  authenticated: boolean;
  readOnly: boolean | undefined;
  text(): string;
  destroy(): void;
};

/** A real HocuspocusProvider over a real WebSocket, as the browser's editor connects. */
export function connect(
  running: { url: string },
  statementId: string,
  token: string | (() => Promise<string>),
  { reconnect = true }: { reconnect?: boolean } = {},
): Client {
  const doc = new Y.Doc();
  const client: Client = {
    doc,
    refusals: [],
    closes: [],
    answers: [],
    authenticated: false,
    readOnly: undefined,
    text: () => bodyToText(stateToBody(doc)),
    destroy: () => {
      // The provider takes its own listeners off before closing; ws then reports a socket still
      // connecting as an 'error' nobody hears (an uncaught exception). This listener hears it.
      (socket as unknown as { webSocket: WebSocket | null }).webSocket?.on("error", () => {});
      client.provider.destroy();
      socket.destroy();
    },
    provider: undefined as unknown as HocuspocusProvider,
  };
  // Node has no WebSocket the provider can use on its own: it is given ws'.
  const socket = new HocuspocusProviderWebsocket({
    url: running.url,
    WebSocketPolyfill: WebSocket,
    delay: 50,
    minDelay: 50,
    maxDelay: 500,
    maxAttempts: reconnect ? 0 : 1,
  });
  client.provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: statementDocumentName(statementId),
    document: doc,
    token,
    onAuthenticated: ({ scope }) => {
      client.authenticated = true;
      client.readOnly = scope === "readonly";
    },
    onAuthenticationFailed: ({ reason }) => {
      client.refusals.push(reason);
    },
    onClose: ({ event }) => {
      client.closes.push({ code: event.code, reason: event.reason });
    },
    onMessage: ({ event }) => {
      const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
      decoding.readVarString(decoder);
      if (decoding.readVarUint(decoder) === SYNC_STATUS) client.answers.push(decoding.readVarInt(decoder) === 1);
    },
  });
  client.provider.attach();
  return client;
}

/** Types text at the end of the document's last paragraph, as an editor would. */
export function typeText(doc: Y.Doc, text: string) {
  doc.transact(() => {
    const fragment = doc.getXmlFragment(FRAGMENT);
    let paragraph = fragment.length ? (fragment.get(fragment.length - 1) as Y.XmlElement) : undefined;
    if (!paragraph || !(paragraph instanceof Y.XmlElement)) {
      paragraph = new Y.XmlElement("paragraph");
      fragment.push([paragraph]);
    }
    let node = paragraph.length ? paragraph.get(paragraph.length - 1) : undefined;
    if (!(node instanceof Y.XmlText)) {
      node = new Y.XmlText();
      paragraph.push([node]);
    }
    (node as Y.XmlText).insert((node as Y.XmlText).length, text);
  });
}

/** Deletes `count` characters from the end of the document's last paragraph. */
export function deleteText(doc: Y.Doc, count: number) {
  const fragment = doc.getXmlFragment(FRAGMENT);
  const paragraph = fragment.get(fragment.length - 1) as Y.XmlElement;
  const node = paragraph.get(paragraph.length - 1) as Y.XmlText;
  node.delete(node.length - count, count);
}

/**
 * Waits until `condition` holds (polling), or fails with `what` after `timeoutMs`. Tests settle on
 * a state, then assert; they never sleep for a fixed time and hope.
 */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** Waits until the provider has synced with the server and sent everything it has. */
export const settled = (client: Client, what = "the client to sync") =>
  waitFor(() => client.provider.isSynced && !client.provider.hasUnsyncedChanges, what);

/** The statement's stored text and version, read as the service role. */
export async function storedStatement(db: Database, statementId: string) {
  return db.asService("test: read the stored statement", async (tx) =>
    tx.one<{ bodyText: string; contentVersion: number; contentHash: string; byteSize: number | null }>(
      `select s.body_text as "bodyText", s.content_version as "contentVersion", s.content_hash as "contentHash",
              d.byte_size as "byteSize"
         from public.statements s left join public.statement_documents d on d.statement_id = s.id
        where s.id = $1`,
      [statementId],
    ),
  ).then((row) => row!);
}

/**
 * Runs `fn` while console.error is captured instead of failing the test, and returns what was
 * logged, for tests that provoke a failure on purpose and assert it was reported.
 */
export async function capturingConsoleErrors<T>(fn: () => Promise<T>): Promise<{ value: T; errors: string[] }> {
  const spy = vi.spyOn(console, "error");
  const before = spy.mock.calls.length;
  if (before > 0) throw new Error(`console.error was already called: ${spy.mock.calls.map(String).join("\n")}`);
  spy.mockImplementation(() => undefined);
  try {
    const value = await fn();
    return { value, errors: spy.mock.calls.map((call) => call.map(String).join(" ")) };
  } finally {
    spy.mockReset();
  }
}
