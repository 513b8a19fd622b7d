import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase } from "../../app/platform/db.server";
import { migrate } from "../../app/platform/migrate.server";
import { backend, urlForDatabase } from "./backend";

async function adminQuery(sql: string) {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * Migrates one template database per run; each test file then gets its own copy (a copied PGlite
 * folder, or CREATE DATABASE … TEMPLATE on Postgres), so files never see each other's rows.
 */
export default async function setup() {
  if (backend() === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-template-"));
    process.env.HUB_TEST_TEMPLATE_DIR = dir;
    const db = await openDatabase({ dataDir: dir });
    await migrate(db);
    await db.close();
    return () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const name = `assurance_hub_template_${process.pid}`;
  process.env.HUB_TEST_TEMPLATE_DB = name;
  await adminQuery(`drop database if exists "${name}" with (force)`);
  await adminQuery(`create database "${name}"`);
  const db = await openDatabase({ databaseUrl: urlForDatabase(process.env.TEST_DATABASE_URL!, name) });
  await migrate(db);
  await db.close();
  return () => adminQuery(`drop database if exists "${name}" with (force)`);
}
