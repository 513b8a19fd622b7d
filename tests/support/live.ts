import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import type { Claims, Database } from "../../app/platform/db.server";
import type { LiveEvent } from "../../app/domain/live";
import { createLiveHub, type LiveHub } from "../../app/platform/realtime/hub.server";
import { LIVE_PATH, liveEventsHandler } from "../../app/platform/realtime/sse.server";

/**
 * A real HTTP server on a free port serving the live stream exactly as server/index.ts mounts it,
 * with a real hub on the test's database. Who is asking comes from a header the tests set (the
 * sign-in itself is tested elsewhere); null claims are a visitor.
 */
export type LiveServer = {
  hub: LiveHub;
  url: string;
  /** Opens a stream as `claims`; resolves once the server has registered it (or refused it). */
  open(strategyId: string, claims: Claims | null, options?: { after?: number; lastEventId?: number }): Promise<LiveStream>;
  close(): Promise<void>;
};

export type LiveStream = {
  status: number;
  events: LiveEvent[];
  /** Waits (with a deadline, checking as events arrive) until `done(events)` holds. */
  waitFor(done: (events: LiveEvent[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Cuts the connection as a dropped network would. */
  drop(): void;
  lastId(): number | undefined;
  /** Settles when the server ends the stream. */
  ended: Promise<void>;
};

const CLAIMS_HEADER = "x-test-claims";

export async function startLiveServer(
  db: Database,
  { maxStreamMs, ...hubOptions }: { pollMs?: number; pageSize?: number; maxStreamMs?: number } = {},
): Promise<LiveServer> {
  const hub = await createLiveHub({ db, ...hubOptions });
  const app = express();
  app.get(
    LIVE_PATH,
    liveEventsHandler({
      db,
      hub,
      maxStreamMs,
      claimsOf: (req) => {
        const header = req.get(CLAIMS_HEADER);
        return header ? (JSON.parse(header) as Claims) : null;
      },
    }),
  );
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const streams = new Set<LiveStream>();

  return {
    hub,
    url,
    async open(strategyId, claims, options = {}) {
      const stream = await openStream(url, strategyId, claims, options);
      streams.add(stream);
      return stream;
    },
    async close() {
      for (const stream of streams) stream.drop();
      await hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function openStream(
  base: string,
  strategyId: string,
  claims: Claims | null,
  { after, lastEventId }: { after?: number; lastEventId?: number },
): Promise<LiveStream> {
  return new Promise((resolve, reject) => {
    const target = new URL(`/strategies/${strategyId}/live`, base);
    if (after !== undefined) target.searchParams.set("after", String(after));
    const headers: Record<string, string> = { Accept: "text/event-stream" };
    if (claims) headers[CLAIMS_HEADER] = JSON.stringify(claims);
    if (lastEventId !== undefined) headers["Last-Event-ID"] = String(lastEventId);

    const events: LiveEvent[] = [];
    let markEnded: () => void = () => undefined;
    const ended = new Promise<void>((settle) => (markEnded = settle));
    const waiters = new Set<() => void>();
    let dropped = false;
    const request = http.get(target, { headers }, (response) => {
      const stream: LiveStream = {
        status: response.statusCode ?? 0,
        events,
        waitFor(done, what, timeoutMs = 10_000) {
          return new Promise((ok, fail) => {
            const check = () => {
              if (done(events)) {
                clearTimeout(timer);
                waiters.delete(check);
                ok();
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`Waited ${timeoutMs} ms for ${what}; received seqs ${events.map((e) => e.seq).join(", ") || "none"}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        drop() {
          dropped = true;
          request.destroy();
        },
        lastId: () => events.at(-1)?.seq,
        ended,
      };
      response.on("end", markEnded);
      response.on("close", markEnded);
      if (response.statusCode !== 200) {
        response.resume();
        response.on("end", () => resolve(stream));
        return;
      }
      response.setEncoding("utf8");
      let buffer = "";
      let opened = false;
      response.on("data", (chunk: string) => {
        buffer += chunk;
        let boundary: number;
        while ((boundary = buffer.indexOf("\n\n")) !== -1) {
          const frame = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          if (frame.startsWith("retry:") && !opened) {
            opened = true;
            resolve(stream);
            continue;
          }
          const data = frame
            .split("\n")
            .filter((line) => line.startsWith("data: "))
            .map((line) => line.slice(6))
            .join("\n");
          if (data) events.push(JSON.parse(data) as LiveEvent);
        }
        for (const check of [...waiters]) check();
      });
      response.on("error", () => undefined);
    });
    request.on("error", (error) => {
      if (!dropped) reject(error);
    });
  });
}
