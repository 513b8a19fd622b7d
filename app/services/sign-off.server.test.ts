import { describe, expect, it } from "vitest";
import { needsAsking, signOffDecisionMail, signOffRequestMail } from "./sign-off.server";

describe("needsAsking", () => {
  it("is true only for an organisation neither asked about nor decided on the current revision", () => {
    expect(needsAsking({ currentRevision: 1, requestedRevision: null, decidedRevision: null })).toBe(true);
    expect(needsAsking({ currentRevision: 2, requestedRevision: 1, decidedRevision: 1 })).toBe(true);
    expect(needsAsking({ currentRevision: 2, requestedRevision: 2, decidedRevision: 1 })).toBe(false);
    expect(needsAsking({ currentRevision: 2, requestedRevision: 1, decidedRevision: 2 })).toBe(false);
  });
});

const request = {
  to: "ruth@example.test",
  recipientName: "Ruth Evans",
  organisationName: "Skills for Care",
  strategyTitle: "Vision for a future workforce strategy",
  commitmentText: "We will grow digital skills across the workforce.",
  revision: 1,
  message: "",
  askedAgain: false,
  requestedByName: "Fatima Khan",
  link: "https://hub.test/strategies/s/commitments/c/sign-off?organisation=o",
};

describe("signOffRequestMail", () => {
  it("names who asks, the organisation, the revision and the commitment, and links to the decision form", () => {
    const mail = signOffRequestMail(request);
    expect(mail.to).toBe("ruth@example.test");
    expect(mail.subject).toBe("Sign-off requested: Skills for Care is asked to sign off a commitment");
    expect(mail.text).toBe(
      [
        "Hello Ruth Evans,",
        "",
        "Fatima Khan asks Skills for Care to sign off revision 1 of a commitment in “Vision for a future workforce strategy”.",
        "",
        "“We will grow digital skills across the workforce.”",
        "",
        "You are a designated signatory for Skills for Care. Record its decision (endorse, endorse with conditions, or object) here:",
        "https://hub.test/strategies/s/commitments/c/sign-off?organisation=o",
      ].join("\n"),
    );
  });

  it("includes the facilitator's message, and says when the organisation is asked again because the commitment changed", () => {
    expect(signOffRequestMail({ ...request, message: "By Friday, please." }).text).toContain("Their message:\nBy Friday, please.\n");
    const again = signOffRequestMail({ ...request, revision: 3, askedAgain: true, requestedByName: null });
    expect(again.subject).toBe("Sign-off needed again: a commitment changed (now revision 3)");
    expect(again.text).toContain("has changed and is now revision 3, so Skills for Care is asked to sign it off again.");
  });
});

const decision = {
  to: "fatima@example.test",
  recipientName: "Fatima Khan",
  organisationName: "ADASS",
  strategyTitle: "Vision for a future workforce strategy",
  commitmentText: "We will grow digital skills across the workforce.",
  revision: 2,
  currentRevision: 2,
  decision: "endorsed" as const,
  conditions: null,
  reason: null,
  signedByName: "Dev Sharma",
  link: "https://hub.test/strategies/s/commitments/c",
};

describe("signOffDecisionMail", () => {
  it("tells a facilitator what the organisation decided, by whom, on which revision", () => {
    const mail = signOffDecisionMail(decision);
    expect(mail.subject).toBe("ADASS endorsed a commitment");
    expect(mail.text).toContain(
      "Dev Sharma recorded ADASS’s decision on revision 2 of a commitment in “Vision for a future workforce strategy”: ADASS endorsed it.",
    );
    expect(mail.text).not.toContain("out of date");
    expect(mail.text.endsWith("See the commitment and where its sign-off stands:\nhttps://hub.test/strategies/s/commitments/c")).toBe(true);
  });

  it("carries the conditions or the reason, and says when the decision is already out of date", () => {
    const conditional = signOffDecisionMail({ ...decision, decision: "endorsed_with_conditions", conditions: "With funded training." });
    expect(conditional.subject).toBe("ADASS endorsed a commitment, with conditions");
    expect(conditional.text).toContain("Conditions:\nWith funded training.\n");
    const objection = signOffDecisionMail({ ...decision, decision: "objected", reason: "Too vague.", currentRevision: 3 });
    expect(objection.subject).toBe("ADASS objected to a commitment");
    expect(objection.text).toContain("ADASS objected to it.");
    expect(objection.text).toContain("Reason:\nToo vague.\n");
    expect(objection.text).toContain("it is now revision 3, so this decision is already out of date.");
  });
});
