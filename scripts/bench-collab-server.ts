/**
 * The server side of `npm run bench:collab`, run as a child process so its CPU and memory are its
 * own: the app's platform (database, migrations, the collaboration service) exactly as
 * server/index.ts creates it, and an HTTP server whose /collab upgrades go to it, as in
 * server/index.ts. The Remix pages are left out: no page is requested. The parent drives it over
 * the IPC channel: seed statements and people, report stats, store everything, stop.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { loadConfig } from "../app/platform/config.server";
import { createPlatform } from "../app/platform/index.server";
import { COLLAB_PATH, type CollabServer } from "../app/collab/server.server";
import { insertStatement } from "../app/models/statements.server";
import { addMember, createStrategy, createUser } from "../tests/support/factories";

type Request =
  | { type: "seed"; id: number; documents: number; people: number }
  | { type: "stats"; id: number; resetLoopDelay?: boolean }
  | { type: "flush"; id: number; statementIds: string[] }
  | { type: "stop"; id: number };

const platform = await createPlatform(loadConfig());
const collab = platform.collab as CollabServer;
const server = http.createServer((_req, res) => res.writeHead(404).end());
server.on("upgrade", (req, socket, head) => {
  if (new URL(req.url ?? "/", "http://localhost").pathname === COLLAB_PATH) collab.handleUpgrade(req, socket, head);
  else socket.destroy();
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

let peakRss = process.memoryUsage().rss;
// How long work waited for the event loop: where the server's share of the latency would show.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250).unref();

const reply = (id: number, body: object) => process.send!({ id, ...body });

process.on("message", async (request: Request) => {
  switch (request.type) {
    case "seed": {
      const facilitator = await createUser(platform.db, { displayName: "Bench facilitator" });
      const { strategyId } = await createStrategy(platform.db, facilitator);
      const people = [];
      for (let i = 0; i < request.people; i++) {
        const person = await createUser(platform.db, { displayName: `Bench editor ${i + 1}` });
        await addMember(platform.db, facilitator, strategyId, person, [{ role: i % 2 === 0 ? "lived_experience" : "worker" }]);
        people.push({ id: person.id, email: person.email });
      }
      const statementIds = [];
      for (let i = 0; i < request.documents; i++) {
        statementIds.push(
          await platform.db.asUser(facilitator.claims, (tx) =>
            insertStatement(tx, { strategyId, kind: "i", title: `Bench statement ${i + 1}`, theme: "workforce", createdBy: facilitator.id }),
          ),
        );
      }
      reply(request.id, { statementIds, people });
      break;
    }
    case "stats":
      reply(request.id, {
        rss: process.memoryUsage().rss,
        peakRss,
        cpu: process.cpuUsage(),
        loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        loopDelayMaxMs: loopDelay.max / 1e6,
        ...collab.stats(),
      });
      if (request.resetLoopDelay) loopDelay.reset();
      break;
    case "flush": {
      await collab.flush();
      const rows = await platform.db.asService("benchmark: read what was stored", (tx) =>
        tx.query<{ id: string; bodyText: string }>(`select id, body_text as "bodyText" from public.statements where id = any($1)`, [
          request.statementIds,
        ]),
      );
      reply(request.id, { texts: Object.fromEntries(rows.map((r) => [r.id, r.bodyText])) });
      break;
    }
    case "stop":
      server.closeAllConnections();
      server.close();
      await platform.close();
      reply(request.id, {});
      process.exit(0);
  }
});

process.send!({ ready: true, port: (server.address() as AddressInfo).port });
