import type { Claims, Database } from "../db.server";
import type { LiveEvent } from "~/domain/live";
import {
  latestSeq,
  latestSeqOf,
  latestSeqsSince,
  liveEventsFor,
  pageEnd,
  visibleChanges,
  type LiveViewer,
} from "~/models/live.server";

/** The channel the audit log's trigger notifies (supabase/migrations/…_live_changes.sql). */
export const LIVE_CHANNEL = "hub_changes";

export type LiveSubscriber = {
  /** Who is watching, to Row Level Security; null for a visitor. */
  claims: Claims | null;
  strategyId: string;
  /** The last change the viewer already has; absent: from now on. */
  after?: number;
  /** Receives the viewer's new events, in order; called only by the hub's one loop. */
  send(events: LiveEvent[]): void;
  /** The hub is closing: end the stream. */
  close(): void;
};

export type LiveSubscription = { unsubscribe(): void };

export type LiveHub = {
  /** Resolves once the viewer is registered: every change after its cursor will reach it. */
  subscribe(subscriber: LiveSubscriber): Promise<LiveSubscription>;
  /** How many viewers are watching, for tests and the benchmark. */
  size(): number;
  /** Looks for changes whose notification never came (also done every `pollMs`). */
  catchUp(): Promise<void>;
  close(): Promise<void>;
};

type Options = {
  db: Database;
  /** Defaults to db.listen. */
  listen?: Database["listen"];
  /** How often to look for changes whose notification was lost. */
  pollMs?: number;
  /** The most changes one round reads for a strategy, so a viewer far behind catches up in steps. */
  pageSize?: number;
};

type Viewer = LiveSubscriber & { cursor: number };
type Watched = { viewers: Set<Viewer>; highWater: number; ready: Promise<void> };

/**
 * Fans the audit log out to open pages. Notifications only say "strategy S reached seq N"; one
 * loop then asks the database, once per round for all of a strategy's viewers, which changes each
 * may see (the audit log's RLS policy, as on the History page), words each change once, and sends
 * each viewer its own in seq order. Every viewer's cursor then moves to the round's end, so a
 * change a viewer may not see is skipped for good and never delays the next.
 */
export async function createLiveHub({ db, listen = db.listen, pollMs = 5_000, pageSize = 500 }: Options): Promise<LiveHub> {
  const watched = new Map<string, Watched>();
  const dirty = new Set<string>();
  let known = await db.asService("live feed: where the audit log has reached", (tx) => latestSeq(tx));
  let closed = false;
  let pumping: Promise<void> | null = null;
  let retryTimer: NodeJS.Timeout | undefined;

  function reached(strategyId: string, seq: number) {
    if (seq > known) known = seq;
    const w = watched.get(strategyId);
    if (!w) return;
    if (seq > w.highWater) w.highWater = seq;
    dirty.add(strategyId);
    schedule();
  }

  function schedule() {
    if (pumping || closed) return;
    pumping = pump().finally(() => {
      pumping = null;
      if (dirty.size && !closed) schedule();
    });
  }

  async function pump() {
    while (dirty.size && !closed) {
      const ids = [...dirty];
      dirty.clear();
      for (const id of ids) {
        try {
          await deliver(id);
        } catch (error) {
          if (closed) return;
          console.error(`[live] could not deliver changes of strategy ${id}; trying again:`, (error as Error).message);
          clearTimeout(retryTimer);
          retryTimer = setTimeout(() => {
            dirty.add(id);
            schedule();
          }, 1_000);
        }
      }
    }
  }

  /** One round for one strategy: its viewers that are behind get what they may see. */
  async function deliver(strategyId: string) {
    const w = watched.get(strategyId);
    if (!w) return;
    const upto = w.highWater;
    const behind = [...w.viewers].filter((v) => v.cursor < upto);
    if (behind.length === 0) return;
    const from = Math.min(...behind.map((v) => v.cursor));

    // Several tabs of one person ask once.
    const identities = new Map<string, number>();
    const asked: LiveViewer[] = [];
    const indexOf = behind.map((v) => {
      const key = v.claims?.sub ?? "anon";
      let index = identities.get(key);
      if (index === undefined) {
        index = asked.length;
        identities.set(key, index);
        asked.push({ claims: v.claims });
      }
      return index;
    });

    const { end, visible, events } = await db.asService(
      "live feed: which viewers may see which changes (each viewer's own RLS), and what each change was",
      async (tx) => {
        const end = await pageEnd(tx, strategyId, from, upto, pageSize);
        const visible = await visibleChanges(tx, strategyId, from, end, asked);
        const seqs = [...new Set(visible.flat())].sort((a, b) => a - b);
        return { end, visible, events: await liveEventsFor(tx, seqs) };
      },
    );
    if (closed) return;
    const bySeq = new Map(events.map((e) => [e.seq, e]));
    behind.forEach((viewer, i) => {
      if (!w.viewers.has(viewer)) return;
      const mine = visible[indexOf[i]!]!.filter((seq) => seq > viewer.cursor).map((seq) => bySeq.get(seq)!);
      viewer.cursor = Math.max(viewer.cursor, end);
      if (mine.length) viewer.send(mine);
    });
    if (end < upto || [...w.viewers].some((v) => v.cursor < w.highWater)) dirty.add(strategyId);
  }

  let polling = false;
  async function catchUp() {
    if (polling || closed) return;
    polling = true;
    try {
      const since = known;
      const latest = await db.asService("live feed: changes whose notification did not arrive", (tx) =>
        latestSeqsSince(tx, since),
      );
      for (const { strategyId, seq } of latest) reached(strategyId, seq);
    } finally {
      polling = false;
    }
  }

  const poll = setInterval(() => {
    catchUp().catch((error) => console.error("[live] could not look for missed changes:", (error as Error).message));
  }, pollMs);
  poll.unref();

  const stopListening = await listen(
    LIVE_CHANNEL,
    (payload) => {
      try {
        const { seq, strategyId } = JSON.parse(payload) as { seq: number; strategyId: string };
        if (typeof seq === "number" && typeof strategyId === "string") reached(strategyId, seq);
      } catch {
        // Not ours: another program notifying on the same channel. The poll would find real changes.
      }
    },
    () => {
      catchUp().catch((error) => console.error("[live] could not catch up after reconnecting:", (error as Error).message));
    },
  );

  return {
    async subscribe(subscriber) {
      if (closed) throw new Error("The live hub is closed");
      let w = watched.get(subscriber.strategyId);
      if (!w) {
        const fresh: Watched = { viewers: new Set(), highWater: 0, ready: Promise.resolve() };
        fresh.ready = db
          .asService("live feed: where a strategy's changes have reached", (tx) => latestSeqOf(tx, subscriber.strategyId))
          .then((seq) => {
            if (seq > fresh.highWater) fresh.highWater = seq;
          });
        watched.set(subscriber.strategyId, fresh);
        w = fresh;
      }
      try {
        await w.ready;
      } catch (error) {
        if (watched.get(subscriber.strategyId) === w && w.viewers.size === 0) watched.delete(subscriber.strategyId);
        throw error;
      }
      // The strategy may have lost its last viewer (and its entry) while this one waited.
      if (watched.get(subscriber.strategyId) !== w) watched.set(subscriber.strategyId, w);
      const viewer: Viewer = { ...subscriber, cursor: subscriber.after ?? w.highWater };
      w.viewers.add(viewer);
      if (viewer.cursor < w.highWater) {
        dirty.add(subscriber.strategyId);
        schedule();
      }
      const entry = w;
      return {
        unsubscribe() {
          entry.viewers.delete(viewer);
          if (entry.viewers.size === 0 && watched.get(subscriber.strategyId) === entry) watched.delete(subscriber.strategyId);
        },
      };
    },
    size() {
      let n = 0;
      for (const w of watched.values()) n += w.viewers.size;
      return n;
    },
    catchUp,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(poll);
      clearTimeout(retryTimer);
      await stopListening();
      for (const w of watched.values()) for (const v of w.viewers) v.close();
      watched.clear();
      await pumping;
    },
  };
}
