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
  close(): Promise<void>;
};

type Options = { databaseUrl?: string; dataDir?: string };

/** Opens PGlite in a data folder, or a Postgres server when a URL is given. One pg Pool serves both. */
export async function openDatabase({ databaseUrl, dataDir }: Options): Promise<Database> {
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

  async function transaction<T>(setup: (client: pg.PoolClient) => Promise<void>, fn: (tx: Tx) => Promise<T>) {
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
      await client.query("begin");
      await setup(client);
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

  return {
    kind: databaseUrl ? "postgres" : "pglite",
    asUser(claims, fn) {
      return transaction(async (client) => {
        await client.query(claims ? "set local role authenticated" : "set local role anon");
        await client.query("select set_config('request.jwt.claims', $1, true)", [
          JSON.stringify(claims ?? { role: "anon" }),
        ]);
      }, fn);
    },
    asService(_reason, fn) {
      return transaction(async (client) => {
        await client.query("set local role service_role");
        await client.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ role: "service_role" })]);
      }, fn);
    },
    asOwner(fn) {
      return transaction(async () => undefined, fn);
    },
    async close() {
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
