import { randomUUID } from "node:crypto";
import type { Claims, Database } from "../../app/platform/db.server";
import type { Role } from "../../app/domain/roles";

/** A person with an account; `claims` is what a request of theirs would carry. */
export type TestUser = { id: string; email: string; claims: Claims };

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomUUID().slice(0, 4)}`;

/** Creates an account directly in auth.users (no password hashing: tests sign in through claims). */
export async function createUser(db: Database, overrides: { email?: string; displayName?: string; chosenName?: string } = {}): Promise<TestUser> {
  const email = overrides.email ?? `person-${unique()}@example.test`;
  const row = await db.asService("test factory: create an account", (tx) =>
    tx.one<{ id: string }>("insert into auth.users (email, raw_user_meta_data) values ($1, $2) returning id", [
      email,
      { display_name: overrides.displayName ?? `Person ${email.split("@")[0]}`, chosen_name: overrides.chosenName ?? null },
    ]),
  );
  return { id: row!.id, email, claims: { sub: row!.id, role: "authenticated", email } };
}

/** Creates an organisation. */
export async function createOrganisation(db: Database, name = `Organisation ${unique()}`): Promise<string> {
  const row = await db.asService("test factory: create an organisation", (tx) =>
    tx.one<{ id: string }>("insert into public.organisations (name, kind) values ($1, 'other') returning id", [name]),
  );
  return row!.id;
}

/** Creates a strategy as `owner` (who becomes its facilitator), with one priority and one commitment. */
export async function createStrategy(
  db: Database,
  owner: TestUser,
  { visibility = "private" as "public" | "private", title = `Strategy ${unique()}` } = {},
) {
  return db.asUser(owner.claims, async (tx) => {
    const strategy = { id: randomUUID() };
    await tx.query("insert into public.strategies (id, title, visibility, created_by) values ($1, $2, $3, $4)", [
      strategy.id,
      title,
      visibility,
      owner.id,
    ]);
    const priority = await tx.one<{ id: string }>(
      "insert into public.priorities (strategy_id, position, title, summary) values ($1, 1, 'A priority', 'Why it matters') returning id",
      [strategy!.id],
    );
    const commitment = await tx.one<{ id: string }>(
      `insert into public.commitments (strategy_id, priority_id, position, text, responsible_parties)
       values ($1, $2, 1, 'We will do the thing we said we would do.', '{employers}') returning id`,
      [strategy!.id, priority!.id],
    );
    return { strategyId: strategy!.id, priorityId: priority!.id, commitmentId: commitment!.id };
  });
}

/** Adds `user` to a strategy with roles, acting as one of its facilitators. */
export async function addMember(
  db: Database,
  facilitator: TestUser,
  strategyId: string,
  user: TestUser,
  roles: { role: Role; organisationId?: string }[],
) {
  await db.asUser(facilitator.claims, async (tx) => {
    await tx.query("insert into public.strategy_members (strategy_id, user_id, invited_by) values ($1, $2, $3)", [
      strategyId,
      user.id,
      facilitator.id,
    ]);
    for (const r of roles) {
      await tx.query(
        "insert into public.member_roles (strategy_id, user_id, role, organisation_id, granted_by) values ($1, $2, $3, $4, $5)",
        [strategyId, user.id, r.role, r.organisationId ?? null, facilitator.id],
      );
    }
  });
}
