/**
 * `npm run bench:collab`: how the collaboration server holds up with many people typing.
 *
 * Starts the server side (scripts/bench-collab-server.ts: the app's real platform and
 * collaboration service, embedded PGlite on a fresh data folder, in a child process of its own),
 * then connects real HocuspocusProviders over real WebSockets from client processes
 * (scripts/bench-collab-clients.ts), each typing at a steady rate into its own paragraph. For
 * every keystroke it records when it was typed and when each other person's copy received it
 * (keystroke-to-peer latency). At the end it waits for everyone to settle and counts lost
 * updates: characters typed that are missing from someone's copy, or from the text the server
 * stored. It also reports the server's RSS, CPU and event-loop delay, the clients' CPU, and how
 * many stores the server made per minute.
 *
 * Options: --quick (8 s of typing instead of 30), --only=10,50,100,1000 (some scenarios),
 * --client-processes=N (default 1), --database-url=postgres://… (a Postgres server instead of
 * PGlite: a fresh database is created on it and dropped afterwards), --cpu-prof=<folder> and
 * --client-cpu-prof=<folder> (CPU profiles of the server and of the clients). The clients share the machine with the server, so their own work is
 * part of the latency measured: the report shows both sides' CPU.
 */
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { ClientsRequest } from "./bench-collab-clients";

type Scenario = { key: string; name: string; documents: number; editorsPerDocument: number; keysPerSecond: number; seconds: number };

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = process.argv.includes("--quick");
const only = option("only")?.split(",");
const databaseServer = option("database-url");
const cpuProfileDir = option("cpu-prof");
const clientProfileDir = option("client-cpu-prof");
// One by default: on two cores, a second client process takes CPU from the server it measures.
const clientProcesses = Number(option("client-processes") ?? 1);
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

/** A client process, and a way to ask it things (one request at a time). */
async function startClients() {
  const child = fork(path.resolve("scripts/bench-collab-clients.ts"), [], {
    execArgv: ["--import", "tsx", ...(clientProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${clientProfileDir}`] : [])],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise((resolve) => child.once("message", resolve));
  const ask = <T>(request: ClientsRequest) =>
    new Promise<T>((resolve) => {
      child.once("message", (m) => resolve(m as T));
      child.send(request);
    });
  return { ask };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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

  // The editors, shared out between the client processes.
  const assignments = statementIds.flatMap((statementId) => people.map((person) => ({ statementId, person })));
  const clients = await Promise.all(Array.from({ length: clientProcesses }, () => startClients()));
  const maxKeys = Math.ceil(scenario.seconds * scenario.keysPerSecond) + 16;
  const connectStarted = performance.now();
  await Promise.all(
    clients.map((c, i) =>
      c.ask({
        type: "connect",
        url,
        secret,
        assignments: assignments.filter((_, j) => j % clientProcesses === i),
        keysPerSecond: scenario.keysPerSecond,
        maxKeys,
      }),
    ),
  );
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  const connected = await server.ask<Stats>({ type: "stats", resetLoopDelay: true });

  const started = performance.now();
  const startAt = performance.timeOrigin + performance.now() + 200;
  const typedReports = await Promise.all(
    clients.map((c) =>
      c.ask<{ cpuSeconds: number; typedAt: [number, Float64Array][]; typed: [number, string, number][] }>({
        type: "type",
        startAt,
        seconds: scenario.seconds,
      }),
    ),
  );
  const typingSeconds = (performance.now() - started) / 1000 - 0.2;
  const typing = await server.ask<Stats>({ type: "stats" });

  // Settle: everyone has sent everything and every copy of a document has the same state.
  let settled = false;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const states = await Promise.all(clients.map((c) => c.ask<{ states: [string, string][]; unsynced: boolean }>({ type: "state" })));
    const byStatement = new Map<string, Set<string>>();
    for (const [statementId, sv] of states.flatMap((s) => s.states)) {
      byStatement.set(statementId, (byStatement.get(statementId) ?? new Set()).add(sv));
    }
    if (states.every((s) => !s.unsynced) && [...byStatement.values()].every((set) => set.size === 1)) {
      settled = true;
      break;
    }
    await sleep(100);
  }

  const typedAt = typedReports.flatMap((r) => r.typedAt);
  const typed = typedReports.flatMap((r) => r.typed);
  const measured = await Promise.all(
    clients.map((c) => c.ask<{ latencies: Float64Array; lost: number; texts: [string, string][] }>({ type: "measure", typedAt, typed })),
  );
  const lost = measured.reduce((n, m) => n + m.lost, 0);

  // And from the text the server stored, which must also be exactly what everyone's copy says.
  const { texts } = await server.ask<{ texts: Record<string, string> }>({ type: "flush", statementIds });
  const copies = new Map(measured.flatMap((m) => m.texts));
  let lostInStore = 0;
  let storedDiffers = 0;
  for (const statementId of statementIds) {
    const expected = typed.filter(([, s]) => s === statementId).reduce((n, [, , count]) => n + count, 0);
    const stored = (texts[statementId] ?? "").replace(/\s/g, "");
    lostInStore += Math.max(0, expected - stored.length);
    if ((copies.get(statementId) ?? "").replace(/\s/g, "") !== stored) storedDiffers += 1;
  }

  const latencies = new Float64Array(measured.reduce((n, m) => n + m.latencies.length, 0));
  let offset = 0;
  for (const m of measured) {
    latencies.set(m.latencies, offset);
    offset += m.latencies.length;
  }
  latencies.sort();
  const keys = typed.reduce((n, [, , count]) => n + count, 0);
  const cpuSeconds = (typing.cpu.user + typing.cpu.system - (connected.cpu.user + connected.cpu.system)) / 1e6;
  const result = {
    scenario: scenario.name,
    connections: assignments.length,
    keystrokes: keys,
    deliveries: latencies.length,
    expectedDeliveries: keys * (scenario.editorsPerDocument - 1),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    lost,
    lostInStore,
    storedDiffers,
    settled,
    rssIdleMb: idle.rss / 2 ** 20,
    rssConnectedMb: connected.rss / 2 ** 20,
    rssPeakMb: typing.peakRss / 2 ** 20,
    cpuPercent: (100 * cpuSeconds) / typingSeconds,
    clientCpuPercent: (100 * typedReports.reduce((n, r) => n + r.cpuSeconds, 0)) / typingSeconds,
    loopDelayP99Ms: typing.loopDelayP99Ms,
    loopDelayMaxMs: typing.loopDelayMaxMs,
    storesPerMinute: ((typing.stores - connected.stores) * 60) / typingSeconds,
    connectSeconds,
  };

  await Promise.all(clients.map((c) => c.ask({ type: "stop" })));
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
