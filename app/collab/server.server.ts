import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import crossws from "crossws/adapters/node";
import type { Peer } from "crossws";
import { Hocuspocus, type Extension, type WebSocketLike } from "@hocuspocus/server";
import type { Database } from "~/platform/db.server";
import { statementDocumentName } from "~/domain/statements";
import type { StatementBody } from "~/domain/statement-content";
import type { CollabService } from "./types";
import { collabCloseCodes } from "./messages";
import { createTokenSigner } from "./token.server";
import { AuthenticationExtension } from "./authentication.server";
import { AuditExtension } from "./audit.server";
import { PersistenceExtension, type RetryPolicy } from "./persistence.server";
import { ConnectionLimitExtension, DocumentSizeLimit } from "./limits.server";
import { RedisSync, redisConnection } from "./redis.server";
import { PresenceExtension } from "./presence.server";
import { replaceText } from "./document.server";

/** The path the collaboration server answers on, beside the app on the same port. */
export const COLLAB_PATH = "/collab";

export type CollabOptions = {
  db: Database;
  /** Browsers may connect only from the app's own pages. */
  appOrigin: string;
  /** Signs connection tokens; every instance sharing a Redis must use the same one. */
  secret: string | Uint8Array;
  maxConnectionsPerDocument: number;
  maxDocumentBytes: number;
  /** When set, instances share documents through this Redis. */
  redisUrl?: string;
  /** Hocuspocus' store debounce: a document is stored this long after its last change … */
  debounceMs?: number;
  /** … and at least this often while it keeps changing. */
  maxDebounceMs?: number;
  retry?: RetryPolicy;
  tokenLifetimeSeconds?: number;
  /** Names this instance in logs. */
  name?: string;
};

/** The collaboration service, and what the benchmark and tests may observe of it. */
export type CollabServer = CollabService & {
  stats(): { documents: number; connections: number; stores: number };
};

type ClientConnection = ReturnType<Hocuspocus["handleConnection"]>;

const refuseUpgrade = (socket: Duplex, status: number, text: string) => {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
};

/**
 * Hocuspocus inside the app's own HTTP server: the server hands WebSocket upgrades for
 * COLLAB_PATH to `handleUpgrade`, crossws' Node adapter turns them into WebSockets, and
 * Hocuspocus serves them with one extension per concern (authentication, connection limits,
 * presence, document size, audit and contribution, persistence, and Redis when configured).
 */
export function createCollabService(options: CollabOptions): CollabServer {
  const tokens = createTokenSigner(options.secret, options.tokenLifetimeSeconds);
  const audit = new AuditExtension();
  const sizeLimit = new DocumentSizeLimit(options.maxDocumentBytes);
  let stores = 0;
  const persistence = new PersistenceExtension({
    db: options.db,
    audit,
    retry: options.retry ?? { firstDelayMs: 500, maxDelayMs: 30_000 },
    onStored: (documentName, byteSize) => {
      stores += 1;
      sizeLimit.stored(documentName, byteSize);
    },
  });

  // Resolves close() once every document has been unloaded.
  const unloadWaiters = new Set<() => void>();
  const lifecycle: Extension = {
    extensionName: "Lifecycle",
    async afterUnloadDocument({ instance }) {
      if (instance.getDocumentsCount() > 0) return;
      for (const resolve of unloadWaiters) resolve();
      unloadWaiters.clear();
    },
  };

  const extensions: Extension[] = [
    new AuthenticationExtension({ db: options.db, tokens }),
    new ConnectionLimitExtension(options.maxConnectionsPerDocument),
    new PresenceExtension(),
    sizeLimit,
    audit,
    persistence,
    lifecycle,
  ];
  if (options.redisUrl) extensions.unshift(new RedisSync({ ...redisConnection(options.redisUrl), prefix: "assurance-hub" }));

  const hocuspocus = new Hocuspocus({
    name: options.name ?? "assurance-hub",
    quiet: true,
    debounce: options.debounceMs ?? 2_000,
    maxDebounce: options.maxDebounceMs ?? 10_000,
    extensions,
  });

  const clients = new Map<Peer, ClientConnection>();
  const peersBySocket = new Map<unknown, Peer>();
  let closing = false;
  let closed: Promise<void> | undefined;

  const adapter = crossws({
    // A single message larger than a whole document is refused by the WebSocket layer itself.
    serverOptions: { maxPayload: options.maxDocumentBytes + 64 * 1024 },
    hooks: {
      open(peer) {
        clients.set(peer, hocuspocus.handleConnection(peer.websocket as WebSocketLike, peer.request));
        peersBySocket.set(peer.websocket, peer);
      },
      message(peer, message) {
        const client = clients.get(peer);
        // Once closing has begun, nothing more is taken: the client keeps its change and sends it again on reconnecting.
        if (!client || closing) return;
        const data = message.uint8Array();
        if (!sizeLimit.admits(data)) {
          peer.close(collabCloseCodes["document-too-large"], "document-too-large");
          return;
        }
        client.handleMessage(data);
      },
      close(peer, details) {
        clients.get(peer)?.handleClose({ code: details.code ?? 1000, reason: details.reason ?? "" });
        clients.delete(peer);
        peersBySocket.delete(peer.websocket);
      },
      error(_peer, error) {
        console.warn("[collab] WebSocket error:", error.message);
      },
    },
  });

  /**
   * Stores open documents now and resolves once they are stored: the store runs at once (after
   * any store already under way for the document), whether or not a change is waiting for one.
   */
  async function flush(statementId?: string) {
    const documents = statementId
      ? [hocuspocus.documents.get(statementDocumentName(statementId))].filter((d) => d !== undefined)
      : [...hocuspocus.documents.values()];
    await Promise.all(
      documents.map((document) =>
        hocuspocus.storeDocumentHooks(
          document,
          {
            instance: hocuspocus,
            clientsCount: document.getConnectionsCount(),
            document,
            documentName: document.name,
            lastContext: {},
            lastTransactionOrigin: undefined,
          },
          true,
        ),
      ),
    );
  }

  function closeConnections(documentName: string, code: number, reason: string) {
    for (const connection of hocuspocus.documents.get(documentName)?.getConnections() ?? []) {
      const peer = peersBySocket.get(connection.webSocket);
      if (peer) peer.close(code, reason);
      else connection.webSocket.close(code, reason);
    }
  }

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      if (closing) return refuseUpgrade(socket, 503, "Service Unavailable");
      const origin = req.headers.origin;
      if (origin && origin !== options.appOrigin) return refuseUpgrade(socket, 403, "Forbidden");
      adapter.handleUpgrade(req, socket, head).catch((error: Error) => {
        console.error("[collab] upgrade failed:", error.message);
        socket.destroy();
      });
    },

    issueToken(user, statementId) {
      return tokens.issue(user, statementId);
    },

    flush,

    async replaceBody(statementId: string, body: StatementBody, actor: { userId: string }) {
      if (closing) throw new Error("The collaboration server is shutting down");
      const name = statementDocumentName(statementId);
      let connection;
      try {
        connection = await hocuspocus.openDirectConnection(name, { userId: actor.userId, restore: true });
      } catch (error) {
        if (error instanceof Error) throw error;
        throw new Error(`The statement's document could not be opened (${(error as { reason?: string }).reason ?? "unknown"})`);
      }
      try {
        await connection.transact((document) => replaceText(document, body));
        audit.recordRestore(name, actor.userId);
      } finally {
        // Stores at once (not debounced), then unloads the document if no one else has it open.
        await connection.disconnect();
      }
      await flush(statementId);
    },

    async reauthorise(statementId: string) {
      closeConnections(statementDocumentName(statementId), collabCloseCodes.reconnect, "reconnect");
    },

    close() {
      closed ??= (async () => {
        closing = true;
        await flush();
        const unloaded = new Promise<void>((resolve) => {
          if (hocuspocus.getDocumentsCount() === 0) resolve();
          else unloadWaiters.add(resolve);
        });
        for (const [peer, client] of clients) {
          peer.close(collabCloseCodes["server-shutting-down"], "server-shutting-down");
          client.handleClose({ code: collabCloseCodes["server-shutting-down"], reason: "server-shutting-down" });
        }
        clients.clear();
        await flush();
        await unloaded;
        await adapter.close();
        await hocuspocus.hooks("onDestroy", { instance: hocuspocus });
      })();
      return closed;
    },

    stats() {
      return { documents: hocuspocus.getDocumentsCount(), connections: hocuspocus.getConnectionsCount(), stores };
    },
  };
}
