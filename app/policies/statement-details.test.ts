import { describe, expect, it } from "vitest";
import type { Role } from "~/domain/roles";
import type { StrategyActor } from "./strategy";
import { canArchiveStatement, canEditStatementDetails } from "./statement-details";

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
