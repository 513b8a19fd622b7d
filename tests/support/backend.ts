/** Which database the integration suite runs on: PGlite by default, Postgres with TEST_DB_BACKEND=postgres. */
export type Backend = "pglite" | "postgres";

export function backend(): Backend {
  const chosen = process.env.TEST_DB_BACKEND ?? "pglite";
  if (chosen !== "pglite" && chosen !== "postgres") throw new Error(`TEST_DB_BACKEND must be pglite or postgres, not ${chosen}`);
  if (chosen === "postgres" && !process.env.TEST_DATABASE_URL) {
    throw new Error("TEST_DB_BACKEND=postgres needs TEST_DATABASE_URL (a Postgres server where the user may create databases)");
  }
  return chosen;
}

/** Set by the global setup for this run (several runs may share a machine). */
export const templateDir = () => process.env.HUB_TEST_TEMPLATE_DIR!;
export const templateDb = () => process.env.HUB_TEST_TEMPLATE_DB!;

/** The server URL with another database name. */
export function urlForDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
