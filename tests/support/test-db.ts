import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../app/platform/db.server";
import { backend, templateDb, templateDir, urlForDatabase } from "./backend";

export type TestDatabase = Database & { dispose(): Promise<void> };

/** A fresh, migrated database of its own for one test file (PGlite copy or a Postgres database). */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (backend() === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-test-"));
    fs.cpSync(path.join(templateDir(), "pglite"), path.join(dir, "pglite"), { recursive: true });
    const db = await openDatabase({ dataDir: dir });
    return {
      ...db,
      async dispose() {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `assurance_hub_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}" template "${templateDb()}"`);
  await admin.end();
  const db = await openDatabase({ databaseUrl: urlForDatabase(serverUrl, name) });
  return {
    ...db,
    async dispose() {
      await db.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}
