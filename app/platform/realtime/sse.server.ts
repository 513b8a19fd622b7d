import type { Request, RequestHandler, Response } from "express";
import type { Claims, Database } from "../db.server";
import type { LiveEvent } from "~/domain/live";
import { liveCursor } from "~/models/live.server";
import type { LiveHub } from "./hub.server";

/** Where a strategy's live changes are served: `GET /strategies/:strategyId/live?after=<seq>`. */
export const LIVE_PATH = "/strategies/:strategyId/live";

type Options = {
  db: Database;
  hub: LiveHub;
  /** Who is asking, as the request's identity middleware found them (null: a visitor). */
  claimsOf(req: Request, res: Response): Claims | null;
  /** A stream ends after this long, so the browser reconnects and who it is is checked again. */
  maxStreamMs?: number;
  /** A comment this often keeps proxies from closing a quiet stream. */
  keepAliveMs?: number;
  /** A viewer whose unsent output passes this is cut off; it reconnects from its last event. */
  maxBufferedBytes?: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A seq from a header or the query string; anything else counts as not given. */
function seqFrom(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

/** One event in Server-Sent Events framing. JSON has no raw line breaks, so one data line is safe. */
export function sseFrame(event: LiveEvent): string {
  return `id: ${event.seq}\nevent: change\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The Server-Sent Events stream of a strategy's changes, filtered for the viewer. A viewer who
 * may not read the strategy gets a 404 and no stream. The cursor is the browser's Last-Event-ID
 * (after a dropped connection) or `?after=` (the page's first connection), else the latest change.
 */
export function liveEventsHandler({
  db,
  hub,
  claimsOf,
  maxStreamMs = 10 * 60_000,
  keepAliveMs = 20_000,
  maxBufferedBytes = 1024 * 1024,
}: Options): RequestHandler {
  return async (req, res, next) => {
    const strategyId = String(req.params.strategyId ?? "");
    const claims = claimsOf(req, res);
    let latest: number | null = null;
    if (UUID.test(strategyId)) {
      try {
        latest = await db.asUser(claims, (tx) => liveCursor(tx, strategyId));
      } catch (error) {
        next(error);
        return;
      }
    }
    if (latest === null) {
      res.status(404).set("Cache-Control", "no-store").type("text/plain").send("Not found");
      return;
    }
    const after = seqFrom(req.get("Last-Event-ID")) ?? seqFrom(req.query.after) ?? latest;

    let ended = false;
    let keepAlive: NodeJS.Timeout | undefined;
    let lifetime: NodeJS.Timeout | undefined;
    let subscription: { unsubscribe(): void } | undefined;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(keepAlive);
      clearTimeout(lifetime);
      subscription?.unsubscribe();
      res.end();
    };
    res.on("close", end);

    res.status(200).set({
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    });
    try {
      subscription = await hub.subscribe({
        claims,
        strategyId,
        after,
        send(events) {
          if (ended) return;
          res.write(events.map(sseFrame).join(""));
          // Far behind (a stalled or very slow client): stop; it comes back from its last event.
          if (res.writableLength > maxBufferedBytes) end();
        },
        close: end,
      });
    } catch (error) {
      if (!res.headersSent) {
        next(error);
        return;
      }
      end();
      return;
    }
    if (ended) {
      subscription.unsubscribe();
      return;
    }
    // The first bytes say the stream is open and how soon to come back after it drops.
    res.write("retry: 2000\n\n");
    keepAlive = setInterval(() => res.write(": keep-alive\n\n"), keepAliveMs);
    lifetime = setTimeout(end, maxStreamMs);
  };
}
