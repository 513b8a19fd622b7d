import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";

/** The identity a request acts as, in the shape Supabase's API layer puts in request.jwt.claims. */
export type Claims = {
  sub: string;
  role: "authenticated";
  email: string;
};

/** A transaction: every query of one action runs through one of these. */
export type Tx = {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  one<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row | undefined>;
};

export type Database = {
  kind: "pglite" | "postgres";
  /** Runs fn in one transaction as role authenticated with the user's claims, or as anon. RLS decides. */
  asUser<T>(claims: Claims | null, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs fn as service_role, which bypasses RLS. Only for work that has no user to act as
   * (the embedded auth service, the demo seed, the audit verifier); `reason` names the use.
   */
  asService<T>(reason: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs fn as the connection's own (owner) role: migrations only. */
  asOwner<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Calls onPayload with each notification sent on `channel` (NOTIFY, delivered at commit). On a
   * Postgres server this holds one connection of its own, outside the pool; when it is lost it is
   * opened again with backoff and onReconnect is called once listening again, since whatever was
   * sent meanwhile never arrives. Resolves, once listening, to a function that stops.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

/** `listenUrl`: where the listening connection goes when not `databaseUrl` (see LISTEN_DATABASE_URL). */
type Options = { databaseUrl?: string; dataDir?: string; listenUrl?: string };

/** Opens PGlite in a data folder, or a Postgres server when a URL is given. One pg Pool serves both. */
export async function openDatabase({ databaseUrl, dataDir, listenUrl }: Options): Promise<Database> {
  let pglite: PGlite | undefined;
  let pool: pg.Pool;
  if (databaseUrl) {
    pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  } else {
    if (!dataDir) throw new Error("openDatabase needs a databaseUrl or a dataDir");
    const folder = dataDir === "memory://" ? dataDir : path.join(dataDir, "pglite");
    if (folder !== "memory://") fs.mkdirSync(folder, { recursive: true });
    pglite = await PGlite.create(folder);
    pool = new pg.Pool(createPgConfig(pglite));
  }
  pool.on("error", (error) => console.error("[db] idle client error:", error.message));
  // PGlite runs each query to the end on this thread, and its answers arrive as already-settled
  // promises, so a transaction of many queries would hold the event loop from start to end.
  // Yielding before each query lets waiting work (WebSocket messages above all) run in between.
  const yieldToOthers = pglite ? () => new Promise<void>((resolve) => setImmediate(resolve)) : undefined;

  /**
   * `begin` is sent with the statements that set who the transaction acts as, in one round trip
   * (the simple protocol, so the claims are quoted with pg's escapeLiteral): on PGlite, where every
   * round trip is work on the one thread, starting a transaction went from 1.2 ms to 0.8 ms, and a
   * request makes several transactions (reviewing evidence: six, with the live hub's).
   */
  async function transaction<T>(setup: string, fn: (tx: Tx) => Promise<T>) {
    const client = await pool.connect();
    const tx: Tx = {
      async query(text, params) {
        await yieldToOthers?.();
        const result = await client.query(text, params as unknown[] | undefined);
        return result.rows;
      },
      async one(text, params) {
        await yieldToOthers?.();
        const result = await client.query(text, params as unknown[] | undefined);
        return result.rows[0];
      },
    };
    try {
      await client.query(`begin;${setup}`);
      const value = await fn(tx);
      await client.query("commit");
      return value;
    } catch (error) {
      await client.query("rollback").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Takes on a role and its claims for the rest of the transaction. */
  const actAs = (role: "anon" | "authenticated" | "service_role", claims: object) =>
    ` set local role ${role}; select set_config('request.jwt.claims', ${pg.escapeLiteral(JSON.stringify(claims))}, true);`;

  const listeners = new Set<() => Promise<void>>();

  return {
    kind: databaseUrl ? "postgres" : "pglite",
    asUser(claims, fn) {
      return transaction(claims ? actAs("authenticated", claims) : actAs("anon", { role: "anon" }), fn);
    },
    asService(_reason, fn) {
      return transaction(actAs("service_role", { role: "service_role" }), fn);
    },
    asOwner(fn) {
      return transaction("", fn);
    },
    async listen(channel, onPayload, onReconnect) {
      let stopListening: () => Promise<void>;
      if (pglite) {
        const unsubscribe = await pglite.listen(channel, onPayload);
        stopListening = () => unsubscribe();
      } else {
        stopListening = await listenOnServer(listenUrl ?? databaseUrl!, channel, onPayload, onReconnect);
      }
      const stop = async () => {
        listeners.delete(stop);
        await stopListening();
      };
      listeners.add(stop);
      return stop;
    },
    async close() {
      await Promise.all([...listeners].map((stop) => stop()));
      // pool.end() resolves once its clients are told to end, not once they have: wait for each
      // to go, so whatever runs next (dropping a test database, exiting) does not cut them off.
      let open = pool.totalCount;
      const gone = new Promise<void>((resolve) => {
        if (open === 0) resolve();
        pool.on("remove", () => {
          if (--open === 0) resolve();
        });
      });
      await pool.end();
      await gone;
      await pglite?.close();
    },
  };
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other work, and Supabase's
 * transaction pooler does not carry LISTEN at all). When the connection is lost (a restart, a
 * terminated backend, a network break) it is opened again, waiting 0.25 s doubling to 10 s
 * between tries, and onReconnect tells the caller to look for what it missed.
 */
async function listenOnServer(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  onReconnect?: () => void,
): Promise<() => Promise<void>> {
  let current: pg.Client | null = null;
  let stopped = false;
  let delay = 250;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    const client = new pg.Client({ connectionString: url, application_name: "assurance-hub-live" });
    client.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    // An error and the end that follows it are one loss: `current` is cleared on the first.
    const lost = () => {
      if (stopped || current !== client) return;
      current = null;
      console.warn(`[db] the connection listening on ${channel} was lost; opening it again`);
      retry();
    };
    client.on("error", lost);
    client.on("end", lost);
    try {
      await client.connect();
      await client.query(`listen "${channel.replaceAll('"', '""')}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    current = client;
    delay = 250;
  };

  const retry = () => {
    timer = setTimeout(async () => {
      if (stopped) return;
      try {
        await connect();
        if (!stopped) onReconnect?.();
      } catch (error) {
        console.warn(`[db] could not listen on ${channel} yet (${(error as Error).message}); trying again`);
        delay = Math.min(delay * 2, 10_000);
        retry();
      }
    }, delay);
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const client = current;
    current = null;
    await client?.end().catch(() => undefined);
  };
}
