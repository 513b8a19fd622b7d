import { describe, expect, it } from "vitest";
import { decisionSchema } from "./strategies.$strategyId.commitments.$commitmentId.sign-off";

const ORG = "7c0a4c55-0b8c-4f5b-9d2e-0d6b0f3c9a11";
const schema = decisionSchema([ORG]);
const messages = (value: Record<string, unknown>) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("the sign-off decision form", () => {
  it("accepts an endorsement, and trims the words it is given", () => {
    expect(schema.parse({ organisationId: ORG, decision: "endorsed" })).toEqual({ organisationId: ORG, decision: "endorsed" });
    expect(schema.parse({ organisationId: ORG, decision: "objected", reason: "  Too vague.  " })).toMatchObject({ reason: "Too vague." });
  });

  it("needs a choice, and an organisation the person signs for", () => {
    expect(messages({ organisationId: ORG })).toEqual(["decision: Select your organisation’s decision"]);
    expect(messages({ decision: "endorsed" })).toEqual(["organisationId: Select the organisation you are signing for"]);
    expect(messages({ organisationId: "another", decision: "endorsed" })).toEqual(["organisationId: Select an organisation you sign for"]);
  });

  it("needs conditions for an endorsement with conditions, and a reason for an objection, each 3 to 4,000 characters", () => {
    expect(messages({ organisationId: ORG, decision: "endorsed_with_conditions" })).toEqual([
      "conditions: Enter the conditions of your organisation’s endorsement",
    ]);
    expect(messages({ organisationId: ORG, decision: "objected", conditions: "Not the reason" })).toEqual([
      "reason: Enter the reason your organisation objects",
    ]);
    expect(messages({ organisationId: ORG, decision: "objected", reason: " No " })).toEqual(["reason: The reason must be 3 characters or more"]);
    expect(messages({ organisationId: ORG, decision: "endorsed_with_conditions", conditions: "x".repeat(4001) })).toEqual([
      "conditions: The conditions must be 4,000 characters or fewer",
    ]);
    expect(messages({ organisationId: ORG, decision: "endorsed", reason: "x".repeat(5000) })).toEqual([]);
  });
});
