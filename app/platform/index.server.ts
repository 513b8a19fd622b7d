import type { Config } from "./config.server";
import { openDatabase, type Database } from "./db.server";
import { migrate } from "./migrate.server";
import type { AuthAdapter } from "./auth/types";
import { createEmbeddedAuth } from "./auth/embedded.server";
import { createMailer, type Mailer } from "./mailer.server";
import { seedDemo } from "../services/demo-seed.server";
import { randomBytes } from "node:crypto";
import type { CollabService } from "../collab/types";
import { createCollabService } from "../collab/server.server";
import type { StorageAdapter } from "./storage/types";
import { createLocalStorage } from "./storage/local.server";
import { createLiveHub, type LiveHub } from "./realtime/hub.server";

/** Everything chosen by configuration, created once per process and shared by every request. */
export type Platform = {
  config: Config;
  db: Database;
  auth: AuthAdapter;
  mailer: Mailer;
  /** Evidence files: a local folder, or a private Supabase Storage bucket. */
  storage: StorageAdapter;
  /** Real-time co-editing of statements (Hocuspocus), on the app's own port. */
  collab: CollabService;
  /** Live change events for open pages (the audit log, fanned out under each viewer's RLS). */
  live: LiveHub;
  /** Ends the live streams, stores every open document, then closes the database. */
  close(): Promise<void>;
};

/** Opens the database, applies migrations, loads the demo when asked, and picks the adapters. */
export async function createPlatform(config: Config): Promise<Platform> {
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    listenUrl: config.listenDatabaseUrl,
  });
  const applied = await migrate(db);
  if (applied.length) console.log(`[db] applied ${applied.length} migration(s): ${applied.join(", ")}`);

  // supabase-js is loaded only in Supabase mode: it is large, and warns about Node 20 on import.
  const auth = config.supabase
    ? (await import("./auth/supabase.server")).createSupabaseAuth(config.supabase)
    : createEmbeddedAuth({
        db,
        secureCookies: config.appOrigin.startsWith("https://"),
        limits: config.signInLimits,
      });

  const storage = await createStorage(config);

  if (config.seedDemo) await seedDemo(db, { withAccounts: auth.kind === "embedded" });

  const collab = createCollabService({
    db,
    appOrigin: config.appOrigin,
    secret: config.collab.secret ?? randomBytes(32),
    maxConnectionsPerDocument: config.collab.maxConnectionsPerDocument,
    maxDocumentBytes: config.collab.maxDocumentBytes,
    redisUrl: config.collab.redisUrl,
  });

  // After the demo is loaded, so its hundreds of changes are history, not news.
  const live = await createLiveHub({ db });

  return {
    config,
    db,
    auth,
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom }),
    storage,
    collab,
    live,
    async close() {
      // Streams first: the hub reads the database until it is closed.
      await live.close();
      await collab.close();
      await db.close();
    },
  };
}

/** The storage the configuration names; a Supabase bucket is created (private) if it is missing. */
async function createStorage(config: Config): Promise<StorageAdapter> {
  if (config.storage.kind === "local") return createLocalStorage({ root: config.storage.filesDir });
  const { createSupabaseStorage } = await import("./storage/supabase.server");
  const storage = createSupabaseStorage({ ...config.storage, maxBytes: config.uploads.maxBytes });
  await storage.ensureBucket();
  return storage;
}
