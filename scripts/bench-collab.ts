/**
 * `npm run bench:collab`: how the collaboration server holds up with many people typing.
 *
 * Starts the server side (scripts/bench-collab-server.ts: the app's real platform and
 * collaboration service, embedded PGlite on a fresh data folder, in a child process of its own),
 * then connects real HocuspocusProviders over real WebSockets from this process, each typing at a
 * steady rate into its own paragraph. For every keystroke it records when it was typed and when
 * each other person's copy received it (keystroke-to-peer latency). At the end it waits for
 * everyone to settle and counts lost updates: characters typed that are missing from someone's
 * copy, or from the text the server stored. It also reports the server's RSS and CPU, and how
 * many stores it made per minute.
 *
 * Options: --quick (8 s of typing instead of 30), --only=10,50,100,1000 (some scenarios),
 * --database-url=postgres://… (a Postgres server instead of PGlite: a fresh database is created
 * on it and dropped afterwards), --cpu-prof=<folder> (a CPU profile of the server). The clients run on the same machine as the server, so their own
 * work is part of the latency measured: the report shows both processes' CPU.
 */
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import WebSocket from "ws";
import pg from "pg";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { createTokenSigner } from "../app/collab/token.server";
import { FRAGMENT, stateToBody } from "../app/collab/document.server";
import { bodyToText } from "../app/domain/statement-content";
import { statementDocumentName } from "../app/domain/statements";

type Scenario = { key: string; name: string; documents: number; editorsPerDocument: number; keysPerSecond: number; seconds: number };

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = process.argv.includes("--quick");
const only = option("only")?.split(",");
const databaseServer = option("database-url");
const cpuProfileDir = option("cpu-prof");
const seconds = quick ? 8 : 30;
const scenarios: Scenario[] = (
  [
    { key: "10", name: "10 editors, 1 document", documents: 1, editorsPerDocument: 10, keysPerSecond: 2, seconds },
    { key: "50", name: "50 editors, 1 document", documents: 1, editorsPerDocument: 50, keysPerSecond: 2, seconds },
    { key: "100", name: "100 editors, 1 document", documents: 1, editorsPerDocument: 100, keysPerSecond: 2, seconds },
    { key: "1000", name: "1,000 connections, 100 documents", documents: 100, editorsPerDocument: 10, keysPerSecond: 1, seconds },
  ] satisfies Scenario[]
).filter((s) => !only || only.includes(s.key));

const secret = randomBytes(32).toString("hex");

/** A fresh database on the Postgres server, when one is given; dropped by the returned function. */
async function freshDatabase(): Promise<{ url?: string; drop(): Promise<void> }> {
  if (!databaseServer) return { drop: async () => undefined };
  const name = `hub_bench_collab_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: databaseServer });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database "${name}"`);
  const url = new URL(databaseServer);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

/** The server child, and a way to ask it things. */
async function startServer(dataDir: string, databaseUrl?: string) {
  const child: ChildProcess = fork(path.resolve("scripts/bench-collab-server.ts"), [], {
    execArgv: ["--import", "tsx", ...(cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`] : [])],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      PORT: "0",
      COLLAB_SECRET: secret,
      COLLAB_MAX_CONNECTIONS_PER_DOCUMENT: "200",
      DATABASE_URL: databaseUrl ?? "",
      REDIS_URL: "",
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m: { port: number }) => resolve(m.port));
    child.once("exit", (code) => reject(new Error(`the bench server exited (${code})`)));
  });
  let next = 0;
  const waiting = new Map<number, (value: never) => void>();
  child.on("message", (m: { id?: number }) => {
    if (m.id !== undefined) waiting.get(m.id)?.(m as never);
  });
  function ask<T>(request: object): Promise<T> {
    const id = next++;
    return new Promise<T>((resolve) => {
      waiting.set(id, resolve as (value: never) => void);
      child.send({ ...request, id });
    });
  }
  return { port, ask, child };
}

type Stats = {
  rss: number;
  peakRss: number;
  cpu: NodeJS.CpuUsage;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  stores: number;
  connections: number;
  documents: number;
};

type Editor = {
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  doc: Y.Doc;
  text: Y.XmlText | null;
  typed: number;
  statementId: string;
};

const until = async (condition: () => boolean, what: string, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function run(scenario: Scenario) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-collab-"));
  const database = await freshDatabase();
  const server = await startServer(dataDir, database.url);
  const url = `ws://127.0.0.1:${server.port}/collab`;
  const { statementIds, people } = await server.ask<{ statementIds: string[]; people: { id: string; email: string }[] }>({
    type: "seed",
    documents: scenario.documents,
    people: scenario.editorsPerDocument,
  });
  const idle = await server.ask<Stats>({ type: "stats" });
  const tokens = createTokenSigner(secret);

  // When each keystroke was typed: by Yjs client id, then by the clock of the character.
  const typedAt = new Map<number, Float64Array>();
  const maxKeys = Math.ceil(scenario.seconds * scenario.keysPerSecond) + 16;
  const latencies: number[] = [];

  const editors: Editor[] = [];
  for (const statementId of statementIds) {
    for (const person of people) {
      const doc = new Y.Doc();
      typedAt.set(doc.clientID, new Float64Array(maxKeys + 8).fill(Number.NaN));
      const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        name: statementDocumentName(statementId),
        document: doc,
        token: () => tokens.issue(person, statementId),
      });
      doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin !== provider) return;
        const now = performance.now();
        const { from, to } = Y.parseUpdateMeta(update);
        for (const [client, end] of to) {
          const times = typedAt.get(client);
          if (!times) continue;
          for (let clock = from.get(client) ?? 0; clock < end && clock < times.length; clock++) {
            if (!Number.isNaN(times[clock]!)) latencies.push(now - times[clock]!);
          }
        }
      });
      editors.push({ provider, socket, doc, text: null, typed: 0, statementId });
    }
  }
  const connectStarted = performance.now();
  for (let i = 0; i < editors.length; i += 50) {
    for (const editor of editors.slice(i, i + 50)) editor.provider.attach();
    await until(() => editors.slice(i, i + 50).every((e) => e.provider.isSynced), "a batch of editors to connect");
  }
  const connectSeconds = (performance.now() - connectStarted) / 1000;

  // Each editor writes in a paragraph of their own.
  for (const editor of editors) {
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    editor.doc.getXmlFragment(FRAGMENT).push([paragraph]);
    editor.text = text;
  }
  await until(() => editors.every((e) => !e.provider.hasUnsyncedChanges), "the paragraphs to be sent");
  const connected = await server.ask<Stats>({ type: "stats", resetLoopDelay: true });
  const clientCpu = process.cpuUsage();

  // Type at a steady rate, each editor starting at a random moment within the first interval.
  const interval = 1000 / scenario.keysPerSecond;
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const started = performance.now();
  const timers: NodeJS.Timeout[] = [];
  await new Promise<void>((resolve) => {
    for (const editor of editors) {
      timers.push(
        setTimeout(() => {
          const key = () => {
            if (performance.now() - started >= scenario.seconds * 1000 || editor.typed >= maxKeys) return;
            const clock = Y.getState(editor.doc.store, editor.doc.clientID);
            typedAt.get(editor.doc.clientID)![clock] = performance.now();
            editor.text!.insert(editor.text!.length, letters[editor.typed % letters.length]!);
            editor.typed += 1;
          };
          key();
          timers.push(setInterval(key, interval));
        }, Math.random() * interval),
      );
    }
    setTimeout(resolve, scenario.seconds * 1000 + 50);
  });
  for (const timer of timers) clearInterval(timer);
  const typingSeconds = (performance.now() - started) / 1000;
  const typing = await server.ask<Stats>({ type: "stats" });
  const clientCpuUsed = process.cpuUsage(clientCpu);

  // Settle: everyone has sent everything and every copy of a document has the same state.
  const sameState = () => {
    const byStatement = new Map<string, string>();
    for (const editor of editors) {
      const sv = Buffer.from(Y.encodeStateVector(editor.doc)).toString("base64");
      const seen = byStatement.get(editor.statementId);
      if (seen !== undefined && seen !== sv) return false;
      byStatement.set(editor.statementId, sv);
    }
    return true;
  };
  let settled = true;
  await until(() => editors.every((e) => !e.provider.hasUnsyncedChanges) && sameState(), "every copy to settle", 60_000).catch(() => {
    settled = false;
  });

  // Lost updates: characters someone typed that are missing from another person's copy.
  let lost = 0;
  const typedBy = new Map(editors.map((e) => [e.doc.clientID, e]));
  for (const reader of editors) {
    const lengths = new Map<number, number>();
    for (const node of reader.doc.getXmlFragment(FRAGMENT).toArray()) {
      if (!(node instanceof Y.XmlElement) || !node._item) continue;
      lengths.set(node._item.id.client, node.toArray().reduce((n, child) => n + (child instanceof Y.XmlText ? child.length : 0), 0));
    }
    for (const writer of editors) {
      if (writer.statementId !== reader.statementId) continue;
      lost += Math.max(0, writer.typed - (lengths.get(writer.doc.clientID) ?? 0));
    }
  }
  const { texts } = await server.ask<{ texts: Record<string, string> }>({ type: "flush", statementIds });
  // And from the text the server stored, which must also be exactly what everyone's copy says.
  let lostInStore = 0;
  let storedDiffers = 0;
  for (const statementId of statementIds) {
    const expected = editors.filter((e) => e.statementId === statementId).reduce((n, e) => n + e.typed, 0);
    const stored = (texts[statementId] ?? "").replace(/\s/g, "");
    lostInStore += Math.max(0, expected - stored.length);
    const copy = editors.find((e) => e.statementId === statementId)!;
    if (bodyToText(stateToBody(copy.doc)).replace(/\s/g, "") !== stored) storedDiffers += 1;
  }

  const cpuSeconds = (typing.cpu.user + typing.cpu.system - (connected.cpu.user + connected.cpu.system)) / 1e6;
  const sorted = Float64Array.from(latencies).sort();
  const keys = editors.reduce((n, e) => n + e.typed, 0);
  const result = {
    scenario: scenario.name,
    connections: editors.length,
    keystrokes: keys,
    deliveries: sorted.length,
    expectedDeliveries: keys * (scenario.editorsPerDocument - 1),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    lost,
    lostInStore,
    storedDiffers,
    settled,
    rssIdleMb: idle.rss / 2 ** 20,
    rssConnectedMb: connected.rss / 2 ** 20,
    rssPeakMb: typing.peakRss / 2 ** 20,
    cpuPercent: (100 * cpuSeconds) / typingSeconds,
    clientCpuPercent: (100 * (clientCpuUsed.user + clientCpuUsed.system)) / 1e6 / typingSeconds,
    loopDelayP99Ms: typing.loopDelayP99Ms,
    loopDelayMaxMs: typing.loopDelayMaxMs,
    storesPerMinute: ((typing.stores - connected.stores) * 60) / typingSeconds,
    connectSeconds,
  };

  for (const editor of editors) {
    editor.provider.destroy();
    editor.socket.destroy();
  }
  await server.ask({ type: "stop" });
  await database.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return result;
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : "–");
console.log(
  `bench:collab on ${os.cpus().length} cores, Node ${process.versions.node}, ${databaseServer ? "Postgres" : "PGlite (embedded)"}, ${seconds} s of typing per scenario, load average ${os.loadavg()[0]!.toFixed(1)}\n`,
);
const results = [];
for (const scenario of scenarios) {
  process.stdout.write(`${scenario.name} (${scenario.keysPerSecond} keystrokes/s each)… `);
  const result = await run(scenario);
  results.push(result);
  console.log("done");
  console.log(JSON.stringify(result));
}
console.log(
  "\n| Scenario | Connections | Keystrokes | p50 | p95 | p99 | Lost (copies / stored) | Server RSS idle / peak | Server CPU | Server loop delay p99 | Client CPU | Stores/min |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of results) {
  console.log(
    `| ${r.scenario} | ${r.connections} | ${r.keystrokes} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.lost} / ${r.lostInStore}${r.storedDiffers ? ` (${r.storedDiffers} stored texts differ)` : ""}${r.settled ? "" : " (not settled)"} | ${r.rssIdleMb.toFixed(0)} / ${r.rssPeakMb.toFixed(0)} MiB | ${r.cpuPercent.toFixed(0)}% | ${ms(r.loopDelayP99Ms)} | ${r.clientCpuPercent.toFixed(0)}% | ${r.storesPerMinute.toFixed(0)} |`,
  );
}
process.exit(0);
