import { describe, expect, it } from "vitest";
import type { Role } from "~/domain/roles";
import type { StatementStatus } from "~/domain/statements";
import { canArchiveStatement, canDiscuss, canEditStatementDetails, canEndorse, statusMoves, textReadOnlyReason } from "./statement";
import { abilities, type StrategyActor } from "./strategy";

const as = (...roles: Role[]) =>
  abilities({ userId: "someone", roles: roles.map((role) => ({ role, organisationId: null })) }, { visibility: "public" });
const visitor = abilities({ userId: null, roles: [] }, { visibility: "public" });
const statement = (status: StatementStatus, { archived = false, contentHash = "abc" } = {}) => ({
  status,
  archivedAt: archived ? "2026-11-29T12:00:00Z" : null,
  contentHash,
});
const moves = (can: ReturnType<typeof as>, status: StatementStatus) => statusMoves(can, statement(status)).map((m) => m.to);

describe("the status moves a person is offered", () => {
  it("lets co-writers send a draft for review and back, and nothing more", () => {
    expect(moves(as("worker"), "draft")).toEqual(["in_review"]);
    expect(moves(as("lived_experience"), "in_review")).toEqual(["draft"]);
    expect(moves(as("worker"), "agreed")).toEqual([]);
    expect(moves(as("partner"), "published")).toEqual([]);
  });

  it("lets a facilitator agree, publish and reopen as well", () => {
    expect(moves(as("facilitator"), "in_review")).toEqual(["draft", "agreed"]);
    expect(moves(as("facilitator"), "agreed")).toEqual(["published", "in_review"]);
    expect(moves(as("facilitator"), "published")).toEqual(["in_review"]);
  });

  it("offers observers, visitors and archived statements nothing", () => {
    expect(moves(as("observer"), "draft")).toEqual([]);
    expect(moves(visitor, "in_review")).toEqual([]);
    expect(statusMoves(as("facilitator"), statement("in_review", { archived: true }))).toEqual([]);
  });
});

describe("endorsing and discussing", () => {
  it("is for co-writers, once there is text to endorse and while the statement is not archived", () => {
    expect(canEndorse(as("lived_experience"), statement("in_review"))).toBe(true);
    expect(canEndorse(as("lived_experience"), statement("draft", { contentHash: "" }))).toBe(false);
    expect(canEndorse(as("observer"), statement("in_review"))).toBe(false);
    expect(canDiscuss(as("worker"), statement("agreed"))).toBe(true);
    expect(canDiscuss(as("worker"), statement("agreed", { archived: true }))).toBe(false);
    expect(canDiscuss(visitor, statement("draft"))).toBe(false);
  });
});

const strategy = { visibility: "public" as const };
const person = (userId: string, ...roles: Role[]): StrategyActor => ({ userId, roles: roles.map((role) => ({ role, organisationId: null })) });
const current = { createdBy: "creator", archivedAt: null };
const archived = { createdBy: "creator", archivedAt: "2026-11-29T10:00:00Z" };

describe("canArchiveStatement", () => {
  it("lets the person who started the statement and facilitators archive it", () => {
    expect(canArchiveStatement(person("creator", "worker"), strategy, current)).toBe(true);
    expect(canArchiveStatement(person("someone", "facilitator"), strategy, current)).toBe(true);
  });

  it("refuses other co-writers, observers, visitors, and a creator who no longer co-writes", () => {
    expect(canArchiveStatement(person("someone", "lived_experience"), strategy, current)).toBe(false);
    expect(canArchiveStatement(person("someone", "observer"), strategy, current)).toBe(false);
    expect(canArchiveStatement({ userId: null, roles: [] }, strategy, current)).toBe(false);
    expect(canArchiveStatement(person("creator", "observer"), strategy, current)).toBe(false);
    expect(canArchiveStatement(person("creator"), strategy, { createdBy: "creator", archivedAt: null })).toBe(false);
  });
});

describe("canEditStatementDetails", () => {
  it("lets every co-writer change a current statement's details and links, never an archived one's", () => {
    for (const role of ["facilitator", "lived_experience", "worker", "partner", "signatory", "evaluator"] as const) {
      expect(canEditStatementDetails(person("someone", role), strategy, current)).toBe(true);
      expect(canEditStatementDetails(person("someone", role), strategy, archived)).toBe(false);
    }
    expect(canEditStatementDetails(person("someone", "observer"), strategy, current)).toBe(false);
  });
});

describe("textReadOnlyReason", () => {
  const open = { status: "draft" as const, archivedAt: null };
  it("gives no reason to someone who may change the text", () => {
    expect(textReadOnlyReason(as("worker"), open, true)).toBeNull();
  });
  it("says why, in the order a person can act on it", () => {
    expect(textReadOnlyReason(as("observer"), open, false)).toMatch(/Only members who co-write/);
    expect(textReadOnlyReason(as("worker"), { ...open, archivedAt: "2026-11-29" }, false)).toMatch(/archived/);
    expect(textReadOnlyReason(as("worker"), { ...open, status: "agreed" }, false)).toMatch(/agreed: a facilitator can reopen/);
    expect(textReadOnlyReason(as("worker"), { ...open, status: "published" }, false)).toMatch(/published/);
  });
});
