import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { inviteSchema, maskEmail, messages, roleLabel, rolesInSentence } from "./membership";

/** Parses the invite form as the action does, from name–value pairs. */
function parse(pairs: [string, string][]) {
  const data = new FormData();
  for (const [name, value] of pairs) data.append(name, value);
  return parseWithZod(data, { schema: inviteSchema });
}

const errorsOf = (submission: ReturnType<typeof parse>) => (submission.status === "error" ? submission.error : null);

describe("the invite form", () => {
  it("asks for an address and at least one role", () => {
    const submission = parse([["email", ""]]);
    expect(errorsOf(submission)).toMatchObject({
      email: ["Enter the email address of the person you want to invite"],
      roles: [messages.noRole],
    });
  });

  it("needs the organisation a signatory signs for", () => {
    const submission = parse([
      ["email", "a@example.org"],
      ["roles", "signatory"],
    ]);
    expect(errorsOf(submission)).toMatchObject({ organisationId: [messages.noSignatoryOrganisation] });
  });

  it("tidies the address and keeps several roles", () => {
    const organisationId = "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d0001";
    const submission = parse([
      ["email", "  Person@Example.ORG "],
      ["roles", "partner"],
      ["roles", "signatory"],
      ["organisationId", organisationId],
    ]);
    expect(submission.status === "success" && submission.value).toEqual({
      email: "person@example.org",
      roles: ["partner", "signatory"],
      organisationId,
    });
  });
});

describe("roles in words", () => {
  it("names the organisation a signatory signs for", () => {
    expect(roleLabel({ role: "signatory", organisationName: "ADASS" })).toBe("Signatory for ADASS");
    expect(roleLabel({ role: "partner", organisationName: "ADASS" })).toBe("Sector partner (ADASS)");
    expect(roleLabel({ role: "evaluator", organisationName: null })).toBe("Evaluator");
  });

  it("reads as the end of a sentence, in the usual order of roles", () => {
    expect(rolesInSentence([{ role: "evaluator", organisationName: null }])).toBe("an evaluator");
    expect(
      rolesInSentence([
        { role: "signatory", organisationName: "Skills for Care" },
        { role: "partner", organisationName: null },
        { role: "facilitator", organisationName: null },
      ]),
    ).toBe("a facilitator, a sector partner and a signatory for Skills for Care");
  });
});

describe("a partly hidden email address", () => {
  it("keeps the first and last letters and the domain", () => {
    expect(maskEmail("jordan@example.org")).toBe("j***n@example.org");
    expect(maskEmail("al@example.org")).toBe("a***@example.org");
  });
});
