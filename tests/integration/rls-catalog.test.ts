import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../support/test-db";

/*
 * Guards read from the system catalogue, so that a table or view added by a later migration
 * cannot quietly sit outside Row Level Security. Each lists the offenders by name.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.dispose();
});

const names = async (sql: string) => (await db.asOwner((tx) => tx.query<{ name: string }>(sql))).map((r) => r.name);

describe("the catalogue of schema public", () => {
  it("has tables to check", async () => {
    expect(await names("select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')")).not.toEqual([]);
  });

  it("has Row Level Security enabled on every table", async () => {
    expect(
      await names(
        `select relname as name from pg_class
          where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') and not relrowsecurity
          order by 1`,
      ),
    ).toEqual([]);
  });

  it("has at least one policy on every table a client role may reach", async () => {
    expect(
      await names(
        `select c.relname as name from pg_class c
          where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
            and not exists (select 1 from pg_policy p where p.polrelid = c.oid)
            and exists (
              select 1 from unnest(array['anon', 'authenticated']) as r(role)
                cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE']) as p(privilege)
               where has_table_privilege(r.role, c.oid, p.privilege)
            )
          order by 1`,
      ),
    ).toEqual([]);
  });

  it("keeps out of client roles' reach only the tables meant for the service role alone", async () => {
    // A table with no policy and no client privileges is the service role's only: name each one here.
    expect(
      await names(
        `select c.relname as name from pg_class c
          where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
            and not exists (
              select 1 from unnest(array['anon', 'authenticated']) as r(role)
                cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE']) as p(privilege)
               where has_table_privilege(r.role, c.oid, p.privilege)
            )
          order by 1`,
      ),
    ).toEqual(["statement_documents"]);
  });

  it("lets no client role call app.audit_event, which writes history for the collaboration server", async () => {
    expect(
      await names(
        `select r.role as name from unnest(array['anon', 'authenticated', 'public']) as r(role)
          where has_function_privilege(r.role, 'app.audit_event(uuid, uuid, text, uuid, text, jsonb)', 'EXECUTE')
          order by 1`,
      ),
    ).toEqual([]);
  });

  it("gives no client role TRUNCATE, TRIGGER or REFERENCES, which Row Level Security does not govern", async () => {
    expect(
      await names(
        `select format('%s: %s %s', c.relname, r.role, p.privilege) as name
           from pg_class c
          cross join unnest(array['anon', 'authenticated']) as r(role)
          cross join unnest(array['TRUNCATE', 'TRIGGER', 'REFERENCES']) as p(privilege)
          where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
            and has_table_privilege(r.role, c.oid, p.privilege)
          order by 1`,
      ),
    ).toEqual([]);
  });

  it("keeps the sign-off record append-only with a trigger, which binds the owner and the service role as well as clients", async () => {
    // tgtype bits: 1 for each row, 2 before, 8 delete, 16 update.
    expect(
      await names(
        `select c.relname as name from pg_class c
          where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
            and exists (
              select 1 from pg_trigger t
               where t.tgrelid = c.oid and t.tgfoid = 'app.refuse_change'::regproc and t.tgenabled <> 'D'
                 and t.tgtype & (1 | 2 | 8 | 16) = (1 | 2 | 8 | 16)
            )
          order by 1`,
      ),
    ).toEqual(["commitment_revisions", "sign_off_decisions", "sign_off_requests", "strategy_publications"]);
  });

  it("has only security-invoker views and no materialised views, since either would otherwise read past Row Level Security", async () => {
    expect(
      await names(
        `select relname as name from pg_class
          where relnamespace = 'public'::regnamespace and relkind in ('v', 'm')
            and not coalesce('security_invoker=true' = any (reloptions) or 'security_invoker=on' = any (reloptions), false)
          order by 1`,
      ),
    ).toEqual([]);
  });

  it("pins the search path of every security-definer function in schemas app and public", async () => {
    expect(
      await names(
        `select format('%s.%s', n.nspname, p.proname) as name
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname in ('app', 'public') and p.prosecdef
            and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) as setting where setting like 'search_path=%')
          order by 1`,
      ),
    ).toEqual([]);
  });
});
