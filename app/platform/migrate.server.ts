import fs from "node:fs";
import path from "node:path";
import type { Database } from "./db.server";

export const MIGRATIONS_DIR = path.resolve("supabase/migrations");

/**
 * Applies supabase/migrations/*.sql in name order, each in its own transaction, recording them
 * in the same table the Supabase CLI uses, so a project migrated by either sees the other's work.
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = fs.readdirSync(dir).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  await db.asOwner(async (tx) => {
    await tx.query("create schema if not exists supabase_migrations");
    await tx.query(
      "create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text)",
    );
  });
  const applied: string[] = [];
  for (const file of files) {
    const [version, ...rest] = file.replace(/\.sql$/, "").split("_");
    const name = rest.join("_");
    const done = await db.asOwner((tx) =>
      tx.one("select 1 from supabase_migrations.schema_migrations where version = $1", [version]),
    );
    if (done) continue;
    const sql = fs.readFileSync(path.join(dir, file), "utf8");
    await db.asOwner(async (tx) => {
      await tx.query(sql);
      await tx.query("insert into supabase_migrations.schema_migrations (version, name) values ($1, $2)", [version, name]);
    });
    applied.push(file);
  }
  return applied;
}
