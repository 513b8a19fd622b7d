/**
 * One of the client processes of `npm run bench:collab`: real HocuspocusProviders over real
 * WebSockets, each typing at a steady rate into a paragraph of its own, recording when each of its
 * keystrokes was typed and when each keystroke of anyone else arrived (clock times shared by every
 * process on the machine). Driven by scripts/bench-collab.ts over the IPC channel.
 */
import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import WebSocket from "ws";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { createTokenSigner } from "../app/collab/token.server";
import { FRAGMENT, stateToBody } from "../app/collab/document.server";
import { bodyToText } from "../app/domain/statement-content";
import { statementDocumentName } from "../app/domain/statements";

export type ClientsRequest =
  | {
      type: "connect";
      url: string;
      secret: string;
      assignments: { statementId: string; person: { id: string; email: string } }[];
      keysPerSecond: number;
      maxKeys: number;
    }
  | { type: "type"; startAt: number; seconds: number }
  | { type: "state" }
  | { type: "measure"; typedAt: [number, Float64Array][]; typed: [number, string, number][] }
  | { type: "stop" };

type Editor = { provider: HocuspocusProvider; socket: HocuspocusProviderWebsocket; doc: Y.Doc; text: Y.XmlText | null; typed: number; statementId: string };

/** Milliseconds on a clock every process on the machine shares. */
const now = () => performance.timeOrigin + performance.now();

const until = async (condition: () => boolean, what: string, timeoutMs = 120_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const editors: Editor[] = [];
// Every delivery of someone else's keystroke: who typed it (Yjs client), which one (clock), when it arrived.
const arrivals = { client: [] as number[], clock: [] as number[], at: [] as number[] };
let typedAt = new Map<number, Float64Array>();
let maxKeys = 0;
let keysPerSecond = 1;

const reply = (body: object) => process.send!(body);

process.on("message", async (request: ClientsRequest) => {
  switch (request.type) {
    case "connect": {
      maxKeys = request.maxKeys;
      keysPerSecond = request.keysPerSecond;
      const tokens = createTokenSigner(request.secret);
      for (const { statementId, person } of request.assignments) {
        const doc = new Y.Doc();
        typedAt.set(doc.clientID, new Float64Array(maxKeys + 8).fill(Number.NaN));
        const socket = new HocuspocusProviderWebsocket({ url: request.url, WebSocketPolyfill: WebSocket });
        const provider = new HocuspocusProvider({
          websocketProvider: socket,
          name: statementDocumentName(statementId),
          document: doc,
          token: () => tokens.issue(person, statementId),
        });
        // Yjs already knows which clocks of which clients a transaction brought: no need to decode the update again.
        doc.on("afterTransaction", (transaction: Y.Transaction) => {
          if (transaction.origin !== provider) return;
          const at = now();
          for (const [client, end] of transaction.afterState) {
            for (let clock = transaction.beforeState.get(client) ?? 0; clock < end; clock++) {
              arrivals.client.push(client);
              arrivals.clock.push(clock);
              arrivals.at.push(at);
            }
          }
        });
        editors.push({ provider, socket, doc, text: null, typed: 0, statementId });
      }
      for (let i = 0; i < editors.length; i += 50) {
        for (const editor of editors.slice(i, i + 50)) editor.provider.attach();
        await until(() => editors.slice(i, i + 50).every((e) => e.provider.isSynced), "a batch of editors to connect");
      }
      // Each editor writes in a paragraph of their own.
      for (const editor of editors) {
        const paragraph = new Y.XmlElement("paragraph");
        const text = new Y.XmlText();
        paragraph.insert(0, [text]);
        editor.doc.getXmlFragment(FRAGMENT).push([paragraph]);
        editor.text = text;
      }
      await until(() => editors.every((e) => !e.provider.hasUnsyncedChanges), "the paragraphs to be sent");
      // Only keystrokes count from here on, not the paragraphs.
      arrivals.client.length = arrivals.clock.length = arrivals.at.length = 0;
      reply({ type: "ready", clients: editors.map((e) => e.doc.clientID) });
      break;
    }
    case "type": {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, request.startAt - now())));
      const cpu = process.cpuUsage();
      const started = performance.now();
      const interval = 1000 / keysPerSecond;
      const letters = "abcdefghijklmnopqrstuvwxyz";
      const timers: NodeJS.Timeout[] = [];
      await new Promise<void>((resolve) => {
        for (const editor of editors) {
          timers.push(
            setTimeout(() => {
              const key = () => {
                if (performance.now() - started >= request.seconds * 1000 || editor.typed >= maxKeys) return;
                const clock = Y.getState(editor.doc.store, editor.doc.clientID);
                typedAt.get(editor.doc.clientID)![clock] = now();
                editor.text!.insert(editor.text!.length, letters[editor.typed % letters.length]!);
                editor.typed += 1;
              };
              key();
              timers.push(setInterval(key, interval));
            }, Math.random() * interval),
          );
        }
        setTimeout(resolve, request.seconds * 1000 + 50);
      });
      for (const timer of timers) clearInterval(timer);
      const used = process.cpuUsage(cpu);
      reply({
        type: "typed",
        cpuSeconds: (used.user + used.system) / 1e6,
        typedAt: [...typedAt.entries()],
        typed: editors.map((e) => [e.doc.clientID, e.statementId, e.typed]),
      });
      break;
    }
    case "state": {
      const states: [string, string][] = editors.map((e) => [e.statementId, Buffer.from(Y.encodeStateVector(e.doc)).toString("base64")]);
      reply({ type: "state", states, unsynced: editors.some((e) => e.provider.hasUnsyncedChanges) });
      break;
    }
    case "measure": {
      typedAt = new Map(request.typedAt);
      const latencies = new Float64Array(arrivals.at.length);
      let n = 0;
      for (let i = 0; i < arrivals.at.length; i++) {
        const sent = typedAt.get(arrivals.client[i]!)?.[arrivals.clock[i]!];
        if (sent !== undefined && !Number.isNaN(sent)) latencies[n++] = arrivals.at[i]! - sent;
      }
      // Characters someone typed that are missing from a copy of the document here.
      let lost = 0;
      const texts = new Map<string, string>();
      for (const reader of editors) {
        const lengths = new Map<number, number>();
        for (const node of reader.doc.getXmlFragment(FRAGMENT).toArray()) {
          if (!(node instanceof Y.XmlElement) || !node._item) continue;
          lengths.set(node._item.id.client, node.toArray().reduce((sum, child) => sum + (child instanceof Y.XmlText ? child.length : 0), 0));
        }
        for (const [client, statementId, count] of request.typed) {
          if (statementId === reader.statementId) lost += Math.max(0, count - (lengths.get(client) ?? 0));
        }
        texts.set(reader.statementId, bodyToText(stateToBody(reader.doc)));
      }
      reply({ type: "measured", latencies: latencies.subarray(0, n), lost, texts: [...texts.entries()] });
      break;
    }
    case "stop":
      for (const editor of editors) {
        editor.provider.destroy();
        editor.socket.destroy();
      }
      reply({ type: "stopped" });
      process.exit(0);
  }
});

reply({ type: "started" });
