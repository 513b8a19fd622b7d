import { describe, expect, it } from "vitest";
import { presenceRoleLabel, roleGroupOf } from "./presence";

describe("roleGroupOf", () => {
  it("counts lived experience first, then work in social care, then partners, as app.role_group does", () => {
    expect(roleGroupOf(["worker", "lived_experience"])).toBe("lived_experience");
    expect(roleGroupOf(["partner", "worker"])).toBe("worker");
    expect(roleGroupOf(["signatory"])).toBe("partner");
    expect(roleGroupOf(["facilitator", "evaluator"])).toBe("other");
    expect(roleGroupOf([])).toBe("other");
  });
});

describe("presenceRoleLabel", () => {
  it("describes a person by their group, or by their own role when they are in none", () => {
    expect(presenceRoleLabel(["lived_experience", "facilitator"])).toBe("person with lived experience");
    expect(presenceRoleLabel(["worker"])).toBe("works in social care");
    expect(presenceRoleLabel(["signatory", "partner"])).toBe("sector partner");
    expect(presenceRoleLabel(["evaluator", "facilitator"])).toBe("facilitator");
    expect(presenceRoleLabel(["observer"])).toBe("observer");
  });
});
