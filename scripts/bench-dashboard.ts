/**
 * `npm run bench:dashboard`: how the live assurance dashboard holds up as evidence grows and
 * many people watch it.
 *
 * Builds the app (into its own .builds/ folder) and, for each size, with the server stopped,
 * grows one strategy's data (scripts/bench-dashboard-generate.ts: 200 measures, evidence up to
 * 1,000 / 10,000 / 100,000 rows, written through the app's roles and triggers), then starts the
 * real server (server/index.ts, production build, in a child process) and measures:
 *
 * - the dashboard loader's server time: sequential GETs of the dashboard as a signed-in member,
 *   reading the loader's own `Server-Timing: loader;dur=…` (p50/p95), after a warm-up;
 * - requests per second of the dashboard and of a bare page of the same app (`/sign-in`, which
 *   renders the layout and a form and reads nothing), each for a fixed time at a fixed concurrency;
 * - at the largest size, the live stream: 200 viewers (150 members with their own sessions, 50
 *   visitors of the public strategy) hold Server-Sent Events connections open from a separate
 *   process (scripts/bench-dashboard-clients.ts) while the evaluator verifies 20 submitted items a
 *   second for 60 s through the evidence page's review form. Latency is from the change's
 *   `occurredAt` (the start of the transaction that made it: conservative) to its arrival at each
 *   viewer, and also from the moment the writer sent the form. After the run, with the server
 *   stopped, each viewer's events are checked against the audit rows that viewer may read (RLS
 *   decides, as that viewer): missed, unexpected, duplicated and out-of-order events are counted,
 *   and visitors are checked never to have heard of an item they may not see (a story without
 *   consent to publish), whatever RLS says.
 *
 * Options: --quick (1k and 10k, 15 s of live changes, shorter runs), --sizes=1000,10000,100000,
 * --live-seconds=60, --rate=20 (changes a second), --members=150 --visitors=50, --samples=100,
 * --rps-seconds=10, --concurrency=8, --port=3300, --no-live, --page=/strategies/{id}/… (another
 * page in place of the dashboard), --server-cpu-prof=DIR (the server writes a V8 CPU profile of
 * each run there), --database-url=postgres://… (a
 * Postgres server instead of PGlite: a fresh database is created on it and dropped afterwards).
 */
import { fork, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { GenerateRequest, Setup } from "./bench-dashboard-generate";
import type { ClientsRequest, Viewer } from "./bench-dashboard-clients";

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = process.argv.includes("--quick");
const databaseServer = option("database-url");
const sizes = (option("sizes") ?? (quick ? "1000,10000" : "1000,10000,100000")).split(",").map(Number);
const live = !process.argv.includes("--no-live");
/** Where the server writes a V8 CPU profile of each run (open it in Chrome's DevTools), if anywhere. */
const serverProfileDir = option("server-cpu-prof");
const liveSeconds = Number(option("live-seconds") ?? (quick ? 15 : 60));
const rate = Number(option("rate") ?? 20);
const memberViewers = Number(option("members") ?? 150);
const visitorViewers = Number(option("visitors") ?? 50);
const samples = Number(option("samples") ?? (quick ? 40 : 100));
const rpsSeconds = Number(option("rps-seconds") ?? (quick ? 5 : 10));
const concurrency = Number(option("concurrency") ?? 8);
const port = Number(option("port") ?? 3300);
const origin = `http://127.0.0.1:${port}`;
const SESSION_COOKIE = "hub_session";
// Another page in place of the dashboard (for trying the harness out): {id} is the strategy.
const pageTemplate = option("page") ?? "/strategies/{id}/dashboard";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Milliseconds on a clock every process on the machine shares. */
const now = () => performance.timeOrigin + performance.now();
const percentile = (sorted: ArrayLike<number>, p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sorted = (values: Iterable<number>) => Float64Array.from(values).sort();
const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : "–");
const log = (line: string) => console.log(`[bench] ${line}`);

// ---------------------------------------------------------------------------------------------
// The database: a PGlite data folder, or a fresh database on a Postgres server.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-dashboard-"));
let databaseUrl: string | undefined;
async function admin(sql: string) {
  const client = new pg.Client({ connectionString: databaseServer });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
const databaseName = `hub_bench_dashboard_${randomBytes(6).toString("hex")}`;
if (databaseServer) {
  await admin(`create database "${databaseName}"`);
  const url = new URL(databaseServer);
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();
}

// ---------------------------------------------------------------------------------------------
// The build, kept apart from everyone else's.
const buildName = `bench-dashboard-${randomBytes(4).toString("hex")}`;
async function cleanUp() {
  fs.rmSync(path.join(".builds", buildName), { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (databaseServer) await admin(`drop database if exists "${databaseName}" with (force)`).catch(() => undefined);
}
process.on("SIGINT", () => void cleanUp().then(() => process.exit(130)));

function build() {
  const started = performance.now();
  const result = spawnSync("npm", ["run", "--silent", "build"], {
    env: { ...process.env, NODE_ENV: "production", HUB_BUILD_DIR: buildName },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`The build failed:\n${result.stdout}\n${result.stderr}`);
  return (performance.now() - started) / 1000;
}

// ---------------------------------------------------------------------------------------------
// Child processes driven over IPC: the generator, the server, the viewers.
function ipc(child: ChildProcess) {
  return <T>(request: object, filter: (m: Record<string, unknown>) => boolean = () => true) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (!filter(m)) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        if (m.error) reject(new Error(String(m.error)));
        else resolve(m as T);
      };
      const onExit = (code: number | null) => reject(new Error(`a benchmark process exited (${code})`));
      child.on("message", onMessage);
      child.once("exit", onExit);
      child.send(request);
    });
}
const started = (child: ChildProcess) =>
  new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`a benchmark process exited before it started (${code})`)));
  });

async function withGenerator<T>(fn: (ask: <R>(request: GenerateRequest) => Promise<R>) => Promise<T>): Promise<T> {
  const child = fork(path.resolve("scripts/bench-dashboard-generate.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? "" },
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await started(child);
  const ask = ipc(child);
  try {
    return await fn((request) => ask(request));
  } finally {
    await ask({ type: "stop" }).catch(() => undefined);
  }
}

type ServerStats = { rss: number; peakRss: number; cpu: NodeJS.CpuUsage; loopDelayP99Ms: number; loopDelayMaxMs: number };

async function startServer() {
  const child = fork(path.resolve("server/index.ts"), [], {
    execArgv: [
      "--import",
      "tsx",
      "--import",
      path.resolve("scripts/bench-dashboard-probe.ts"),
      ...(serverProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(serverProfileDir)}`] : []),
    ],
    env: {
      ...process.env,
      NODE_ENV: "production",
      HUB_BUILD_DIR: buildName,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? "",
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO: "false",
      SIGN_IN_LIMIT_PER_IP: "1000000",
      APP_ORIGIN: origin,
      SUPABASE_URL: "",
      SUPABASE_ANON_KEY: "",
      REDIS_URL: "",
      SMTP_URL: "",
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let exited = false;
  child.once("exit", () => (exited = true));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error("The server exited while starting");
    if (Date.now() > deadline) throw new Error("The server did not start within 2 minutes");
    const ok = await get("/sign-in").then((r) => r.status === 200, () => false);
    if (ok) break;
    await sleep(250);
  }
  const ask = ipc(child);
  return {
    stats: (reset = false) => ask<ServerStats>({ probe: "stats", reset }, (m) => m.probe === "stats"),
    async stop() {
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([gone, sleep(20_000).then(() => child.kill("SIGKILL"))]);
      await gone;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP, on keep-alive connections.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
type Response = { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number };
function request(method: string, pathname: string, { cookie, form }: { cookie?: string; form?: Record<string, string> } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const t0 = performance.now();
    const req = http.request(
      new URL(pathname, origin),
      {
        method,
        agent,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(body ? { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), origin } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - t0 }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
const get = (pathname: string, cookie?: string) => request("GET", pathname, { cookie });
const cookieOf = (token: string) => `${SESSION_COOKIE}=${token}`;
const serverTiming = (r: Response) => {
  const match = /(?:^|,)\s*loader;dur=([\d.]+)/.exec(String(r.headers["server-timing"] ?? ""));
  return match ? Number(match[1]) : NaN;
};

/** Sequential GETs after a warm-up: the loader's own time and the whole response's. */
async function loaderTimes(pathname: string, cookie: string) {
  for (let i = 0; i < 10; i++) {
    const r = await get(pathname, cookie);
    if (r.status !== 200) throw new Error(`GET ${pathname} answered ${r.status}: ${r.body.slice(0, 300)}`);
  }
  const loader: number[] = [];
  const whole: number[] = [];
  let bytes = 0;
  for (let i = 0; i < samples; i++) {
    const r = await get(pathname, cookie);
    loader.push(serverTiming(r));
    whole.push(r.ms);
    bytes = r.body.length;
  }
  const l = sorted(loader.filter(Number.isFinite));
  const w = sorted(whole);
  return { loaderP50: percentile(l, 50), loaderP95: percentile(l, 95), responseP50: percentile(w, 50), responseP95: percentile(w, 95), bytes };
}

/** A closed loop of `concurrency` requests at a time for `seconds`: completed 200s a second. */
async function throughput(pathname: string, cookie?: string) {
  const until = performance.now() + rpsSeconds * 1000;
  let ok = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const r = await get(pathname, cookie).catch(() => null);
        if (r?.status === 200) ok += 1;
        else failed += 1;
      }
    }),
  );
  return { rps: ok / ((performance.now() - t0) / 1000), failed };
}

// ---------------------------------------------------------------------------------------------
// The live run.
async function liveRun(setup: Setup, after: number, pendingIds: string[], server: Awaited<ReturnType<typeof startServer>>) {
  const clients = fork(path.resolve("scripts/bench-dashboard-clients.ts"), [], {
    execArgv: ["--import", "tsx"],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await started(clients);
  const ask = ipc(clients);
  const viewers: Viewer[] = [
    ...setup.viewers.slice(0, memberViewers).map((v) => ({ key: v.id, cookie: cookieOf(v.token) })),
    ...Array.from({ length: visitorViewers }, (_, i) => ({ key: `visitor-${i}`, cookie: null })),
  ];
  const connectStarted = performance.now();
  const connected = await ask<{ statuses: number[]; errors: string[] }>({
    type: "connect",
    origin,
    path: `/strategies/${setup.strategyId}/live?after=${after}`,
    viewers,
  } satisfies ClientsRequest);
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  const refused = connected.statuses.filter((s) => s !== 200).length;
  if (refused) log(`${refused} live connections were refused (statuses ${[...new Set(connected.statuses)].join(", ")}); errors: ${connected.errors.slice(0, 3).join("; ")}`);
  await sleep(1000);
  await server.stats(true);
  const before = await server.stats();

  // The writer: an open loop (each form sent on time whether or not the last one has finished),
  // so a slow server shows as latency rather than as fewer changes.
  const count = Math.min(pendingIds.length, Math.round(liveSeconds * rate));
  const sentAt = new Map<string, number>();
  const writes: Promise<void>[] = [];
  const writeMs: number[] = [];
  let writeFailures = 0;
  const failedStatuses: Record<string, number> = {};
  const cookie = cookieOf(setup.evaluator.token);
  const t0 = performance.now() + 100;
  for (let i = 0; i < count; i++) {
    const wait = t0 + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const id = pendingIds[i]!;
    sentAt.set(id, now());
    writes.push(
      request("POST", `/strategies/${setup.strategyId}/evidence/${id}`, { cookie, form: { intent: "review", decision: "verified", note: "" } }).then(
        (r) => {
          writeMs.push(r.ms);
          if (r.status !== 302) {
            writeFailures += 1;
            failedStatuses[r.status] = (failedStatuses[r.status] ?? 0) + 1;
            if (writeFailures <= 3) log(`a review answered ${r.status}: ${r.body.slice(0, 200)}`);
          }
        },
        (error: Error) => {
          writeFailures += 1;
          failedStatuses[error.message] = (failedStatuses[error.message] ?? 0) + 1;
        },
      ),
    );
  }
  const sendingSeconds = (performance.now() - t0) / 1000;
  await Promise.all(writes);
  const writingSeconds = (performance.now() - t0) / 1000;
  const during = await server.stats();

  // Settle: until no viewer has heard anything new for two seconds (at most 30 s).
  let last = -1;
  let quietSince = performance.now();
  const settleDeadline = performance.now() + 30_000;
  while (performance.now() < settleDeadline) {
    const { events } = await ask<{ events: number }>({ type: "count" } satisfies ClientsRequest);
    if (events !== last) {
      last = events;
      quietSince = performance.now();
    } else if (performance.now() - quietSince > 2000) break;
    await sleep(250);
  }
  const report = await ask<{
    cpuSeconds: number;
    connections: {
      key: string;
      status: number;
      seqs: Float64Array;
      receivedAt: Float64Array;
      occurredAt: Float64Array;
      entityIds: (string | null)[];
      unreadable: number;
      reconnects: number;
      closed: boolean;
      error: string | null;
    }[];
  }>({ type: "report" } satisfies ClientsRequest);
  await ask({ type: "stop" } satisfies ClientsRequest).catch(() => undefined);
  return { report, sentAt, writeMs, writeFailures, failedStatuses, sendingSeconds, writingSeconds, count, before, during, connectSeconds, refused };
}

// ---------------------------------------------------------------------------------------------
const revision = spawnSync("git", ["describe", "--always", "--dirty"], { encoding: "utf8" }).stdout.trim();
const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}`;
console.log(
  `bench:dashboard on ${machine}, ${databaseServer ? "PostgreSQL server" : "PGlite (embedded)"}, sizes ${sizes.join(" / ")}, ${new Date().toISOString()}, code ${revision}, load average ${os.loadavg()[0]!.toFixed(1)}\n`,
);
log(`building into .builds/${buildName}…`);
log(`built in ${build().toFixed(0)} s`);

type SizeResult = {
  size: number;
  evidence: number;
  auditRows: number;
  generateSeconds: number;
  loaderP50: number;
  loaderP95: number;
  responseP50: number;
  responseP95: number;
  bytes: number;
  dashboardRps: number;
  bareRps: number;
  failed: number;
  rssMb: number;
  loadAverage: number;
};
const results: SizeResult[] = [];
let liveResult: Record<string, unknown> | null = null;

try {
  let setup!: Setup;
  let have = 0;
  for (const [index, size] of sizes.entries()) {
    const lastSize = index === sizes.length - 1;
    const generated = await withGenerator(async (ask) => {
      const t = performance.now();
      if (!setup) setup = (await ask<{ setup: Setup }>({ type: "setup" })).setup;
      const grown = await ask<{ evidence: number; audit: number; maxSeq: number }>({ type: "grow", setup, from: have, to: size });
      const seconds = (performance.now() - t) / 1000;
      // The writer's items must exist before the server starts (PGlite allows one process), so the
      // largest size is measured with them in it: about 1% more rows, all waiting for review.
      const pending =
        live && lastSize
          ? await ask<{ ids: string[]; maxSeq: number }>({ type: "pending", setup, from: size, count: Math.round(liveSeconds * rate) + 20 })
          : null;
      return { ...grown, seconds, pending };
    });
    have = size;
    log(`${size} evidence rows: generated in ${generated.seconds.toFixed(0)} s (${generated.audit} audit rows in all)`);

    const server = await startServer();
    const member = cookieOf(setup.viewers[setup.submitters.length]!.token);
    const dashboard = pageTemplate.replace("{id}", setup.strategyId);
    const times = await loaderTimes(dashboard, member);
    const dashboardRps = await throughput(dashboard, member);
    const bareRps = await throughput("/sign-in");
    const stats = await server.stats();
    results.push({
      size,
      evidence: generated.evidence,
      auditRows: generated.audit,
      generateSeconds: generated.seconds,
      ...times,
      dashboardRps: dashboardRps.rps,
      bareRps: bareRps.rps,
      failed: dashboardRps.failed + bareRps.failed,
      rssMb: stats.peakRss / 2 ** 20,
      loadAverage: os.loadavg()[0]!,
    });
    log(JSON.stringify(results.at(-1)));

    if (generated.pending) {
      log(`live: ${memberViewers} members and ${visitorViewers} visitors watching, ${rate} changes a second for ${liveSeconds} s…`);
      const run = await liveRun(setup, generated.pending.maxSeq, generated.pending.ids, server);
      await server.stop();
      const expected = await withGenerator((ask) =>
        ask<{ members: Record<string, number[]>; visitor: number[]; all: number[]; privateSeqs: number[] }>({
          type: "expected",
          setup,
          after: generated.pending!.maxSeq,
        }),
      );
      liveResult = analyseLive(run, expected);
      log(JSON.stringify(liveResult));
    } else {
      await server.stop();
    }
  }
} finally {
  await cleanUp();
}

function analyseLive(
  run: Awaited<ReturnType<typeof liveRun>>,
  expected: { members: Record<string, number[]>; visitor: number[]; all: number[]; privateSeqs: number[] },
) {
  const privateSeqs = new Set(expected.privateSeqs);
  const fromChange: number[] = [];
  const fromSend: number[] = [];
  let missed = 0;
  let unexpected = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  let leaked = 0;
  let unreadable = 0;
  let viewersMissing = 0;
  let dropped = 0;
  let reconnects = 0;
  for (const c of run.report.connections) {
    const visitor = c.key.startsWith("visitor-");
    const want = visitor ? expected.visitor : (expected.members[c.key] ?? []);
    const got = new Set<number>();
    for (let i = 0; i < c.seqs.length; i++) {
      const seq = c.seqs[i]!;
      if (got.has(seq)) duplicates += 1;
      got.add(seq);
      if (i > 0 && seq <= c.seqs[i - 1]!) outOfOrder += 1;
      if (visitor && privateSeqs.has(seq)) leaked += 1;
      fromChange.push(c.receivedAt[i]! - c.occurredAt[i]!);
      const sent = c.entityIds[i] ? run.sentAt.get(c.entityIds[i]!) : undefined;
      if (sent !== undefined) fromSend.push(c.receivedAt[i]! - sent);
    }
    const wanted = new Set(want);
    const missing = want.filter((s) => !got.has(s)).length;
    missed += missing;
    if (missing) viewersMissing += 1;
    unexpected += [...got].filter((s) => !wanted.has(s)).length;
    unreadable += c.unreadable;
    reconnects += c.reconnects;
    if (c.closed || c.error) dropped += 1;
  }
  const change = sorted(fromChange.filter(Number.isFinite));
  const send = sorted(fromSend);
  const writes = sorted(run.writeMs);
  const cpuSeconds = (run.during.cpu.user + run.during.cpu.system - (run.before.cpu.user + run.before.cpu.system)) / 1e6;
  return {
    viewers: run.report.connections.length,
    refused: run.refused,
    connectSeconds: run.connectSeconds,
    changes: run.count,
    sentRate: run.count / run.sendingSeconds,
    // When the last review was answered: above the sending time when the server fell behind.
    writingSeconds: run.writingSeconds,
    writeFailures: run.writeFailures,
    failedStatuses: run.failedStatuses,
    writeP50: percentile(writes, 50),
    writeP95: percentile(writes, 95),
    auditRowsInWindow: expected.all.length,
    expectedDeliveries: run.report.connections.reduce(
      (n, c) => n + (c.key.startsWith("visitor-") ? expected.visitor.length : (expected.members[c.key]?.length ?? 0)),
      0,
    ),
    deliveries: fromChange.length,
    p50: percentile(change, 50),
    p95: percentile(change, 95),
    p99: percentile(change, 99),
    max: change[change.length - 1] ?? NaN,
    sendP50: percentile(send, 50),
    sendP95: percentile(send, 95),
    sendP99: percentile(send, 99),
    missed,
    viewersMissing,
    unexpected,
    duplicates,
    outOfOrder,
    leakedToVisitors: leaked,
    unreadable,
    droppedConnections: dropped,
    reconnects,
    serverCpuPercent: (100 * cpuSeconds) / run.writingSeconds,
    serverRssMb: run.during.rss / 2 ** 20,
    serverPeakRssMb: run.during.peakRss / 2 ** 20,
    loopDelayP99Ms: run.during.loopDelayP99Ms,
    loopDelayMaxMs: run.during.loopDelayMaxMs,
    loadAverage: os.loadavg()[0]!,
    clientCpuPercent: (100 * run.report.cpuSeconds) / (run.writingSeconds + run.connectSeconds),
  };
}

// ---------------------------------------------------------------------------------------------
console.log("\n| Evidence rows | Audit rows | Generated in | Loader p50 | Loader p95 | Response p50 / p95 | Page size | Dashboard req/s | Bare page req/s | Server peak RSS | Load average |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of results) {
  console.log(
    `| ${r.evidence.toLocaleString("en-GB")} | ${r.auditRows.toLocaleString("en-GB")} | ${r.generateSeconds.toFixed(0)} s | ${ms(r.loaderP50)} | ${ms(r.loaderP95)} | ${ms(r.responseP50)} / ${ms(r.responseP95)} | ${(r.bytes / 1024).toFixed(0)} KiB | ${r.dashboardRps.toFixed(1)} | ${r.bareRps.toFixed(1)} | ${r.rssMb.toFixed(0)} MiB | ${r.loadAverage.toFixed(1)} |${r.failed ? ` (${r.failed} failed)` : ""}`,
  );
}
const first = results[0];
const lastResult = results.at(-1);
if (first && lastResult && first !== lastResult) {
  const ratio = lastResult.loaderP95 / first.loaderP95;
  console.log(
    `\nLoader p95 at ${lastResult.size.toLocaleString("en-GB")} rows is ${ratio.toFixed(2)} × its p95 at ${first.size.toLocaleString("en-GB")} rows (target ≤ 2): ${ratio <= 2 ? "met" : "NOT MET"}.`,
  );
}
if (liveResult) {
  const l = liveResult as ReturnType<typeof analyseLive>;
  console.log(
    "\n| Viewers | Changes (rate) | Deliveries / expected | p50 | p95 | p99 | max | From send p50 / p95 / p99 | Missed | Out of order | Duplicates | Unexpected | Leaked to visitors | Server CPU | Loop delay p99 | Client CPU |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  console.log(
    `| ${l.viewers}${l.refused ? ` (${l.refused} refused)` : ""} | ${l.changes} (${l.sentRate.toFixed(1)}/s sent, all saved after ${l.writingSeconds.toFixed(1)} s${l.writeFailures ? `, ${l.writeFailures} failed` : ""}) | ${l.deliveries} / ${l.expectedDeliveries} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ${ms(l.max)} | ${ms(l.sendP50)} / ${ms(l.sendP95)} / ${ms(l.sendP99)} | ${l.missed} | ${l.outOfOrder} | ${l.duplicates} | ${l.unexpected} | ${l.leakedToVisitors} | ${l.serverCpuPercent.toFixed(0)}% | ${ms(l.loopDelayP99Ms)} | ${l.clientCpuPercent.toFixed(0)}% |`,
  );
  console.log(
    `\nDelivery p95 ${ms(l.p95)} with ${l.viewers} viewers (target ≤ 250 ms): ${l.p95 <= 250 ? "met" : "NOT MET"}. Missed events: ${l.missed} (target 0): ${l.missed === 0 ? "met" : "NOT MET"}. Review form p50 / p95: ${ms(l.writeP50)} / ${ms(l.writeP95)}.`,
  );
}
process.exit(0);
