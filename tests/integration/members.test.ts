import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "../../app/platform/db.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { addMember, createOrganisation, createStrategy, createUser, type TestUser } from "../support/factories";
import {
  acceptInvitation,
  isMemberEmail,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from "../../app/models/invitations.server";
import { getMember, listMembers } from "../../app/models/members.server";
import { createInvitation, hashToken, type InvitationInput } from "../../app/services/invitations.server";
import { changeMemberRoles, removeMember } from "../../app/services/members.server";
import { databaseHint } from "../../app/utils/db-errors.server";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

const appOrigin = "https://hub.example.test";

async function invite(by: TestUser, input: Omit<InvitationInput, "invitedBy">) {
  const result = await db.asUser(by.claims, (tx) => createInvitation(tx, { ...input, invitedBy: by.id }, { appOrigin }));
  if (!result.ok) throw new Error(`invitation refused: ${result.message}`);
  return { ...result, token: result.link.split("/").pop()! };
}

/** The hint the database raised with, or a failure if the call succeeded. */
async function hintOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected the database to refuse").toBeDefined();
  return databaseHint(error);
}

async function auditRows(strategyId: string, entityTypes: string[]) {
  return db.asService("test: read the audit log", (tx) =>
    tx.query<{ entity_type: string; action: string; actor_id: string | null; entity_id: string }>(
      "select entity_type, action, actor_id, entity_id from public.audit_log where strategy_id = $1 and entity_type = any ($2) order by seq",
      [strategyId, entityTypes],
    ),
  );
}

const rolesOf = (user: TestUser, strategyId: string, as: TestUser = user) =>
  db.asUser(as.claims, (tx: Tx) => getMember(tx, strategyId, user.id));

describe("inviting someone and their accepting", () => {
  it("gives the invited roles, including a signatory's organisation, and keeps only the token's hash", async () => {
    const facilitator = await createUser(db);
    const invitee = await createUser(db);
    const organisationId = await createOrganisation(db);
    const { strategyId } = await createStrategy(db, facilitator);

    const created = await invite(facilitator, {
      strategyId,
      email: invitee.email,
      roles: ["partner", "signatory"],
      organisationId,
    });
    expect(created.link).toMatch(/^https:\/\/hub\.example\.test\/invitations\/[A-Za-z0-9_-]{43}$/);
    const stored = await db.asService("test: read the stored invitation", (tx) =>
      tx.one<{ token_hash: string; row: string }>(
        "select token_hash, row_to_json(i)::text as row from public.invitations i where id = $1",
        [created.invitationId],
      ),
    );
    expect(stored!.token_hash).toBe(hashToken(created.token));
    expect(stored!.row).not.toContain(created.token);

    const preview = await db.asUser(null, (tx) => previewInvitation(tx, created.token));
    expect(preview).toMatchObject({ strategyId, email: invitee.email, roles: ["partner", "signatory"], state: "open" });

    const joined = await db.asUser(invitee.claims, (tx) => acceptInvitation(tx, created.token));
    expect(joined).toBe(strategyId);
    const member = await rolesOf(invitee, strategyId);
    expect(member?.organisationId).toBe(organisationId);
    expect(member?.roles.map((r) => [r.role, r.organisationId])).toEqual([
      ["partner", null],
      ["signatory", organisationId],
    ]);
    expect(await db.asUser(null, (tx) => previewInvitation(tx, created.token))).toMatchObject({ state: "accepted" });

    const audit = await auditRows(strategyId, ["invitation", "member", "member_role"]);
    expect(audit.map((a) => `${a.entity_type} ${a.action}`)).toEqual(
      expect.arrayContaining(["invitation created", "member created", "member_role created", "invitation accepted"]),
    );
    expect(audit.find((a) => a.entity_type === "invitation" && a.action === "accepted")?.actor_id).toBe(invitee.id);
  });

  it("refuses someone signed in with another email address, and writes nothing", async () => {
    const facilitator = await createUser(db);
    const invitee = await createUser(db);
    const someoneElse = await createUser(db);
    const { strategyId } = await createStrategy(db, facilitator);
    const { token } = await invite(facilitator, { strategyId, email: invitee.email, roles: ["worker"], organisationId: null });

    expect(await hintOf(db.asUser(someoneElse.claims, (tx) => acceptInvitation(tx, token)))).toBe("invitation_email_mismatch");
    expect(await db.asUser(facilitator.claims, (tx) => getMember(tx, strategyId, someoneElse.id))).toBeUndefined();
    expect(await db.asUser(null, (tx) => previewInvitation(tx, token))).toMatchObject({ state: "open" });
  });

  it("refuses an expired, a withdrawn and a used invitation, and an unknown token", async () => {
    const facilitator = await createUser(db);
    const invitee = await createUser(db);
    const { strategyId } = await createStrategy(db, facilitator);

    const expired = await invite(facilitator, { strategyId, email: invitee.email, roles: ["observer"], organisationId: null });
    await db.asService("test: let an invitation run out", (tx) =>
      tx.query("update public.invitations set expires_at = now() - interval '1 minute' where id = $1", [expired.invitationId]),
    );
    expect(await db.asUser(null, (tx) => previewInvitation(tx, expired.token))).toMatchObject({ state: "expired" });
    expect(await hintOf(db.asUser(invitee.claims, (tx) => acceptInvitation(tx, expired.token)))).toBe("invitation_expired");
    expect(await db.asUser(facilitator.claims, (tx) => revokeInvitation(tx, strategyId, expired.invitationId))).toBe(false);

    const withdrawn = await invite(facilitator, { strategyId, email: invitee.email, roles: ["observer"], organisationId: null });
    expect(await db.asUser(facilitator.claims, (tx) => revokeInvitation(tx, strategyId, withdrawn.invitationId))).toBe(true);
    expect(await db.asUser(null, (tx) => previewInvitation(tx, withdrawn.token))).toMatchObject({ state: "revoked" });
    expect(await hintOf(db.asUser(invitee.claims, (tx) => acceptInvitation(tx, withdrawn.token)))).toBe("invitation_revoked");

    const used = await invite(facilitator, { strategyId, email: invitee.email, roles: ["observer"], organisationId: null });
    await db.asUser(invitee.claims, (tx) => acceptInvitation(tx, used.token));
    expect(await hintOf(db.asUser(invitee.claims, (tx) => acceptInvitation(tx, used.token)))).toBe("invitation_used");

    expect(await db.asUser(null, (tx) => previewInvitation(tx, "x".repeat(43)))).toBeUndefined();
    expect(await hintOf(db.asUser(invitee.claims, (tx) => acceptInvitation(tx, "x".repeat(43))))).toBe("invitation_unknown");
    await expect(db.asUser(null, (tx) => acceptInvitation(tx, used.token))).rejects.toThrow(/permission denied/);

    const audit = await auditRows(strategyId, ["invitation"]);
    expect(audit.filter((a) => a.action === "revoked")).toHaveLength(1);
  });

  it("refuses to invite someone who is already a member", async () => {
    const facilitator = await createUser(db);
    const member = await createUser(db);
    const { strategyId } = await createStrategy(db, facilitator);
    await addMember(db, facilitator, strategyId, member, [{ role: "worker" }]);

    const result = await db.asUser(facilitator.claims, (tx) =>
      createInvitation(
        tx,
        { strategyId, email: member.email, roles: ["evaluator"], organisationId: null, invitedBy: facilitator.id },
        { appOrigin },
      ),
    );
    expect(result).toMatchObject({ ok: false, field: "email" });
    expect(await db.asUser(facilitator.claims, (tx) => listInvitations(tx, strategyId))).toEqual([]);
  });

  it("replaces an open invitation to the same address: the earlier link stops working", async () => {
    const facilitator = await createUser(db);
    const invitee = await createUser(db);
    const { strategyId } = await createStrategy(db, facilitator);
    const first = await invite(facilitator, { strategyId, email: invitee.email, roles: ["worker"], organisationId: null });
    expect(first.replacedEarlier).toBe(false);
    const second = await invite(facilitator, { strategyId, email: invitee.email, roles: ["evaluator"], organisationId: null });
    expect(second.replacedEarlier).toBe(true);

    expect(await db.asUser(null, (tx) => previewInvitation(tx, first.token))).toMatchObject({ state: "revoked" });
    const list = await db.asUser(facilitator.claims, (tx) => listInvitations(tx, strategyId));
    expect(list.map((i) => [i.state, i.roles])).toEqual([
      ["open", ["evaluator"]],
      ["revoked", ["worker"]],
    ]);
    expect(list[0].invitedByName).toMatch(/^Person /);
  });

  it("lets only facilitators invite, see invitations or ask whether an address is a member (RLS)", async () => {
    const facilitator = await createUser(db);
    const worker = await createUser(db);
    const outsider = await createUser(db);
    const { strategyId } = await createStrategy(db, facilitator, { visibility: "public" });
    await addMember(db, facilitator, strategyId, worker, [{ role: "worker" }]);
    await invite(facilitator, { strategyId, email: "someone@example.test", roles: ["worker"], organisationId: null });

    for (const person of [worker, outsider]) {
      const attempt = db.asUser(person.claims, (tx) =>
        createInvitation(
          tx,
          { strategyId, email: "another@example.test", roles: ["facilitator"], organisationId: null, invitedBy: person.id },
          { appOrigin },
        ),
      );
      await expect(attempt).rejects.toThrow(/row-level security/);
      expect(await db.asUser(person.claims, (tx) => listInvitations(tx, strategyId))).toEqual([]);
      expect(await db.asUser(person.claims, (tx) => isMemberEmail(tx, strategyId, facilitator.email))).toBe(false);
    }
    expect(await db.asUser(facilitator.claims, (tx) => isMemberEmail(tx, strategyId, facilitator.email.toUpperCase()))).toBe(
      true,
    );
    expect(await db.asUser(facilitator.claims, (tx) => isMemberEmail(tx, strategyId, outsider.email))).toBe(false);
  });
});

describe("changing a member's roles and removing them", () => {
  it("changes only what differs, records each change, and removes the member with their roles", async () => {
    const facilitator = await createUser(db);
    const member = await createUser(db, { displayName: "Legal Name", chosenName: "Sam" });
    const adass = await createOrganisation(db);
    const sfc = await createOrganisation(db);
    const { strategyId } = await createStrategy(db, facilitator);
    await addMember(db, facilitator, strategyId, member, [{ role: "worker" }, { role: "signatory", organisationId: adass }]);
    const before = await auditRows(strategyId, ["member_role", "member"]);

    const changed = await db.asUser(facilitator.claims, (tx) =>
      changeMemberRoles(tx, {
        strategyId,
        userId: member.id,
        roles: ["worker", "signatory", "evaluator"],
        organisationId: sfc,
        changedBy: facilitator.id,
      }),
    );
    expect(changed).toBe(true);
    const after = await rolesOf(member, strategyId, facilitator);
    expect(after?.name).toBe("Sam");
    expect(after?.organisationId).toBe(sfc);
    expect(after?.roles.map((r) => [r.role, r.organisationId])).toEqual([
      ["worker", null],
      ["signatory", sfc],
      ["evaluator", null],
    ]);
    const changes = (await auditRows(strategyId, ["member_role", "member"])).slice(before.length);
    expect(changes.map((a) => `${a.entity_type} ${a.action}`).sort()).toEqual([
      "member updated",
      "member_role created",
      "member_role created",
      "member_role deleted",
    ]);
    expect(changes.every((a) => a.actor_id === facilitator.id && a.entity_id === member.id)).toBe(true);

    const members = await db.asUser(member.claims, (tx) => listMembers(tx, strategyId));
    expect(members.map((m) => m.userId).sort()).toEqual([facilitator.id, member.id].sort());

    expect(await db.asUser(facilitator.claims, (tx) => removeMember(tx, { strategyId, userId: member.id }))).toBe(true);
    expect(await db.asUser(facilitator.claims, (tx) => getMember(tx, strategyId, member.id))).toBeUndefined();
    const removal = (await auditRows(strategyId, ["member_role", "member"])).slice(before.length + changes.length);
    expect(removal.map((a) => `${a.entity_type} ${a.action}`)).toEqual([
      "member_role deleted",
      "member_role deleted",
      "member_role deleted",
      "member deleted",
    ]);
    expect(await db.asUser(facilitator.claims, (tx) => removeMember(tx, { strategyId, userId: member.id }))).toBe(false);
  });

  it("keeps the last facilitator, but lets one of two facilitators step down", async () => {
    const facilitator = await createUser(db);
    const colleague = await createUser(db);
    const { strategyId } = await createStrategy(db, facilitator);

    const demote = () =>
      db.asUser(facilitator.claims, (tx) =>
        changeMemberRoles(tx, {
          strategyId,
          userId: facilitator.id,
          roles: ["observer"],
          organisationId: null,
          changedBy: facilitator.id,
        }),
      );
    expect(await hintOf(demote())).toBe("last_facilitator");
    expect(await hintOf(db.asUser(facilitator.claims, (tx) => removeMember(tx, { strategyId, userId: facilitator.id })))).toBe(
      "last_facilitator",
    );
    expect((await rolesOf(facilitator, strategyId))?.roles.map((r) => r.role)).toEqual(["facilitator"]);

    await addMember(db, facilitator, strategyId, colleague, [{ role: "facilitator" }]);
    expect(await demote()).toBe(true);
    expect((await rolesOf(facilitator, strategyId))?.roles.map((r) => r.role)).toEqual(["observer"]);
    expect(await hintOf(db.asUser(colleague.claims, (tx) => removeMember(tx, { strategyId, userId: colleague.id })))).toBe(
      "last_facilitator",
    );
  });

  it("does not let a member who is not a facilitator change roles or remove anyone (RLS)", async () => {
    const facilitator = await createUser(db);
    const worker = await createUser(db);
    const { strategyId } = await createStrategy(db, facilitator);
    await addMember(db, facilitator, strategyId, worker, [{ role: "worker" }]);

    await expect(
      db.asUser(worker.claims, (tx) =>
        changeMemberRoles(tx, {
          strategyId,
          userId: worker.id,
          roles: ["worker", "facilitator"],
          organisationId: null,
          changedBy: worker.id,
        }),
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await db.asUser(worker.claims, (tx) => removeMember(tx, { strategyId, userId: facilitator.id }))).toBe(false);
    expect((await rolesOf(facilitator, strategyId))?.roles.map((r) => r.role)).toEqual(["facilitator"]);
    expect((await rolesOf(worker, strategyId))?.roles.map((r) => r.role)).toEqual(["worker"]);
  });
});
