/** Applies supabase/migrations to the configured database (PGlite data folder or DATABASE_URL). */
import { ConfigError, loadConfig } from "../app/platform/config.server";
import { openDatabase } from "../app/platform/db.server";
import { migrate } from "../app/platform/migrate.server";

try {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(db);
    console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join("\n  ")}` : "The database is up to date.");
  } finally {
    await db.close();
  }
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(`Migration failed: ${(error as Error).message}\n(An embedded data folder can only be opened by one process: stop the server first.)`);
  process.exit(1);
}
