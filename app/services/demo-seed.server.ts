import type { Database, Tx } from "~/platform/db.server";
import { createAccount } from "~/platform/auth/embedded.server";
import {
  DEMO_PASSWORD,
  DEMO_STRATEGY_ID,
  demoAccounts,
  demoOrganisations,
  demoPriorities,
  demoStrategy,
} from "./demo/content";

/** Ensures the sector's organisations exist; returns their ids by demo key. */
async function ensureOrganisations(tx: Tx): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const org of demoOrganisations) {
    const row = await tx.one<{ id: string }>(
      `insert into public.organisations (name, short_name, kind) values ($1, $2, $3)
       on conflict ((lower(name))) do update set short_name = public.organisations.short_name
       returning id`,
      [org.name, org.shortName, org.kind],
    );
    ids[org.key] = row!.id;
  }
  return ids;
}

/**
 * Loads the demo strategy once (it is left alone if it exists). With accounts, also creates one
 * account per role for local use, whose credentials the README lists. Runs as service_role:
 * there is no user to act as when the server first starts.
 */
export async function seedDemo(db: Database, { withAccounts }: { withAccounts: boolean }): Promise<void> {
  const exists = await db.asService("demo seed: is the demo loaded?", (tx) =>
    tx.one("select 1 from public.strategies where id = $1", [DEMO_STRATEGY_ID]),
  );
  if (exists) return;

  const accountIds: Record<string, string> = {};
  if (withAccounts) {
    for (const account of demoAccounts) {
      accountIds[account.email] = await createAccount(db, {
        email: account.email,
        password: DEMO_PASSWORD,
        displayName: account.displayName,
        chosenName: account.chosenName,
      });
    }
  }

  await db.asService("demo seed: load the demo strategy", async (tx) => {
    const orgs = await ensureOrganisations(tx);
    await tx.query(
      `insert into public.strategies (id, title, summary, scope, visibility, status)
       values ($1, $2, $3, 'national', 'public', 'consultation')`,
      [DEMO_STRATEGY_ID, demoStrategy.title, demoStrategy.summary],
    );
    for (const [i, f] of demoStrategy.whereWeAre.entries()) {
      await tx.query(
        `insert into public.context_figures (strategy_id, priority_id, position, figure, description, source)
         values ($1, null, $2, $3, $4, $5)`,
        [DEMO_STRATEGY_ID, i + 1, f.figure, f.description, f.source],
      );
    }
    for (const [p, priority] of demoPriorities.entries()) {
      const row = await tx.one<{ id: string }>(
        `insert into public.priorities (strategy_id, position, title, summary, context)
         values ($1, $2, $3, $4, $5) returning id`,
        [DEMO_STRATEGY_ID, p + 1, priority.title, priority.summary, priority.context],
      );
      const priorityId = row!.id;
      for (const [i, f] of priority.figures.entries()) {
        await tx.query(
          `insert into public.context_figures (strategy_id, priority_id, position, figure, description, source, source_url)
           values ($1, $2, $3, $4, $5, $6, $7)`,
          [DEMO_STRATEGY_ID, priorityId, i + 1, f.figure, f.description, f.source, f.sourceUrl ?? null],
        );
      }
      for (const [i, c] of priority.commitments.entries()) {
        await tx.query(
          `insert into public.commitments
             (strategy_id, priority_id, position, text, responsible_parties, lead_organisation_id, due_date, status)
           values ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [DEMO_STRATEGY_ID, priorityId, i + 1, c.text, c.parties, orgs[c.lead], c.due, c.status],
        );
      }
    }
    for (const account of demoAccounts) {
      const userId = accountIds[account.email];
      if (!userId) continue;
      await tx.query(
        "insert into public.strategy_members (strategy_id, user_id, organisation_id) values ($1, $2, $3)",
        [DEMO_STRATEGY_ID, userId, account.organisation ? orgs[account.organisation] : null],
      );
      for (const r of account.roles) {
        await tx.query(
          "insert into public.member_roles (strategy_id, user_id, role, organisation_id) values ($1, $2, $3, $4)",
          [DEMO_STRATEGY_ID, userId, r.role, r.organisation ? orgs[r.organisation] : null],
        );
      }
    }
  });
}
