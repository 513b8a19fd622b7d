/**
 * Checks the audit log's hash chain on the configured database (PGlite data folder or
 * DATABASE_URL): prints "Audit log intact: N entries" and exits 0, or where the chain breaks and
 * exits 1. Exits 2 when the check could not be made at all.
 *
 * An embedded (PGlite) data folder may only be opened by one process, and PGlite does not lock
 * it: a second process opening a running server's folder could damage it. So the check runs on a
 * copy of the folder, which leaves the server's own files untouched; stop the server first for a
 * copy that is certain to be consistent.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigError, loadConfig, type Config } from "../app/platform/config.server";
import { openDatabase, type Database } from "../app/platform/db.server";
import { verifyAuditChain } from "../app/services/audit-verify.server";

const STOP_THE_SERVER = "An embedded data folder can only be used by one process: stop the server and try again.";

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : (error as Error).message);
  process.exit(2);
}

let copy: string | undefined;
let db: Database;
try {
  if (config.databaseUrl) {
    db = await openDatabase({ databaseUrl: config.databaseUrl });
  } else {
    const folder = path.join(config.dataDir, "pglite");
    if (!fs.existsSync(folder)) {
      console.error(`There is no embedded database in ${config.dataDir}: set DATA_DIR to the server's data folder.`);
      process.exit(2);
    }
    copy = fs.mkdtempSync(path.join(os.tmpdir(), "hub-audit-verify-"));
    fs.cpSync(folder, path.join(copy, "pglite"), { recursive: true });
    db = await openDatabase({ dataDir: copy });
  }
} catch (error) {
  console.error(`Could not open the database: ${(error as Error).message}${config.databaseUrl ? "" : `\n${STOP_THE_SERVER}`}`);
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
  process.exit(2);
}

try {
  const result = await verifyAuditChain(db);
  if (result.ok) {
    console.log(`Audit log intact: ${result.rows} ${result.rows === 1 ? "entry" : "entries"}`);
    if (result.lastHash) {
      console.log(`Latest hash: ${result.lastHash} (keep a copy elsewhere: it shows whether entries are later removed from the end)`);
    }
  } else {
    console.log(`Audit log broken at entry ${result.firstBrokenSeq}: ${result.reason}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`Could not read the audit log: ${(error as Error).message}${config.databaseUrl ? "" : `\n${STOP_THE_SERVER}`}`);
  process.exitCode = 2;
} finally {
  await db.close();
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
}
