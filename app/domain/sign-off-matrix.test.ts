import { describe, expect, it } from "vitest";
import { publicationAgreementWords } from "./publication";
import { agreedSummary, guardSpreadsheetFormula, readSignOffMatrixFilter, signOffMatrixQuery } from "./sign-off-matrix";

describe("the sign-off matrix's filters", () => {
  it("reads the filters it offers and ignores anything else", () => {
    const priority = "6f1d9a52-3c1b-4b7e-9a57-2f0c7b8d0001";
    expect(readSignOffMatrixFilter(new URL(`http://hub.test/x?priority=${priority}&party=regulators&state=stale`))).toEqual({
      priority,
      party: "regulators",
      state: "stale",
    });
    expect(readSignOffMatrixFilter(new URL("http://hub.test/x?priority=1;drop&party=kings&state=&other=1"))).toEqual({});
  });

  it("writes the filters back as a query, for the CSV link", () => {
    expect(signOffMatrixQuery({})).toBe("");
    expect(signOffMatrixQuery({ party: "employers", state: "objected" })).toBe("?party=employers&state=objected");
  });
});

describe("words about agreement", () => {
  it("counts the agreed commitments", () => {
    expect(agreedSummary(5, 12)).toBe("5 of 12 commitments agreed");
    expect(agreedSummary(1, 1)).toBe("1 of 1 commitment agreed");
    expect(agreedSummary(0, 0)).toBe("This strategy has no commitments yet.");
  });

  it("says whether a version was published with every commitment agreed, and why not", () => {
    expect(publicationAgreementWords({ allAgreed: true, commitmentsAgreed: 5, commitmentsTotal: 5, overrideReason: null })).toBe(
      "Every commitment agreed",
    );
    expect(
      publicationAgreementWords({ allAgreed: false, commitmentsAgreed: 3, commitmentsTotal: 5, overrideReason: "The board meets today." }),
    ).toBe("Published with 3 of 5 commitments agreed — reason: The board meets today.");
  });
});

describe("guardSpreadsheetFormula", () => {
  it("keeps text a spreadsheet would run as a formula as text, and leaves the rest alone", () => {
    for (const risky of ["=1+1", "+44 20", "-2", "@SUM(A1)", "\t=1", "\r=1"]) expect(guardSpreadsheetFormula(risky)).toBe(`'${risky}`);
    for (const safe of ["We will = more", "", "2026-11-29T12:00:00.000Z", "'quoted"]) expect(guardSpreadsheetFormula(safe)).toBe(safe);
  });
});
