import { describe, expect, it } from "vitest";
import { signOffSummary } from "./sign-off";
import type { SignOffState } from "~/domain/sign-off";

const cells = (...states: SignOffState[]) => states.map((state) => ({ state }));

describe("signOffSummary", () => {
  it("says nobody is asked when no organisation must sign off", () => {
    expect(signOffSummary([], { revision: 1, agreed: false })).toBe("No organisation has been asked to sign this off yet.");
  });

  it("says the commitment is agreed when the database says so, naming the revision", () => {
    expect(signOffSummary(cells("endorsed", "endorsed_with_conditions"), { revision: 4, agreed: true })).toBe(
      "Agreed: every organisation asked has endorsed revision 4.",
    );
  });

  it("says organisations are chosen but not asked yet", () => {
    expect(signOffSummary(cells("not_requested"), { revision: 1, agreed: false })).toBe(
      "1 organisation must sign this off, but nobody has asked it yet.",
    );
    expect(signOffSummary(cells("not_requested", "not_requested"), { revision: 1, agreed: false })).toBe(
      "2 organisations must sign this off, but nobody has asked them yet.",
    );
  });

  it("counts those yet to endorse the current revision, stale ones included, and says how many objected", () => {
    expect(signOffSummary(cells("endorsed", "waiting"), { revision: 2, agreed: false })).toBe("Waiting for 1 of 2 organisations.");
    expect(signOffSummary(cells("stale", "stale"), { revision: 2, agreed: false })).toBe("Waiting for 2 of 2 organisations.");
    expect(signOffSummary(cells("endorsed", "objected", "not_requested"), { revision: 1, agreed: false })).toBe(
      "Waiting for 2 of 3 organisations: 1 objected.",
    );
  });
});
