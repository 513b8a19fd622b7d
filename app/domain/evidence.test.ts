import { describe, expect, it } from "vitest";
import {
  EVIDENCE_CATEGORIES,
  EVIDENCE_STATUSES,
  completeCategoryCounts,
  consentSummary,
  evidenceCategoryHints,
  evidenceCategoryLabels,
  evidenceStatusLabels,
  evidenceStatusTagClass,
  triangulation,
  type CategoryCount,
} from "./evidence";

const count = (category: CategoryCount["category"], verified: number, unverified = 0): CategoryCount => ({
  category,
  verified,
  unverified,
});

describe("evidence words", () => {
  it("names the six categories of CQC's assessment framework, each with a hint", () => {
    expect(EVIDENCE_CATEGORIES.map((c) => evidenceCategoryLabels[c])).toEqual([
      "People's experience",
      "Feedback from staff and leaders",
      "Feedback from partners",
      "Observation",
      "Processes",
      "Outcomes",
    ]);
    for (const category of EVIDENCE_CATEGORIES) expect(evidenceCategoryHints[category].length).toBeGreaterThan(10);
  });

  it("says each status in words and gives it a tag colour", () => {
    expect(EVIDENCE_STATUSES.map((s) => evidenceStatusLabels[s])).toEqual([
      "Submitted — not yet verified",
      "Returned for more information",
      "Verified",
      "Rejected",
    ]);
    for (const status of EVIDENCE_STATUSES) expect(evidenceStatusTagClass[status]).toMatch(/^govuk-tag--/);
  });

  it("sums up what a storyteller agreed to", () => {
    expect(consentSummary({ consentQuote: true, consentPublish: false, anonymised: true })).toBe(
      "May be quoted; not to be published; anonymised",
    );
    expect(consentSummary({ consentQuote: false, consentPublish: true, anonymised: false })).toBe(
      "Not to be quoted; may be published; may be named",
    );
  });
});

describe("triangulation", () => {
  it("says once that there is no evidence at all", () => {
    expect(triangulation([])).toEqual(["There is no evidence for this priority yet."]);
    expect(triangulation([count("outcomes", 0, 0)])).toEqual(["There is no evidence for this priority yet."]);
  });

  it("warns when the evidence rests on a single category, lacks people's experience and none is verified", () => {
    expect(triangulation([count("outcomes", 0, 2)])).toEqual([
      "The evidence rests on a single category (outcomes): look for evidence of other kinds to confirm it.",
      "There is no evidence of people's experience: ask the people who draw on care and support.",
      "There is no verified evidence yet: none of it counts until an evaluator verifies it.",
    ]);
  });

  it("warns only about a missing category of people's experience when the rest is varied and verified", () => {
    expect(triangulation([count("outcomes", 1), count("processes", 0, 1)])).toEqual([
      "There is no evidence of people's experience: ask the people who draw on care and support.",
    ]);
  });

  it("warns about a single category even when it is people's experience", () => {
    expect(triangulation([count("peoples_experience", 2, 1)])).toEqual([
      "The evidence rests on a single category (people's experience): look for evidence of other kinds to confirm it.",
    ]);
  });

  it("has nothing to say about evidence in several categories, including people's experience, some verified", () => {
    expect(triangulation([count("peoples_experience", 0, 1), count("outcomes", 1), count("partner_feedback", 0, 0)])).toEqual([]);
  });

  it("fills in every category in order for the table", () => {
    const rows = completeCategoryCounts([count("outcomes", 2, 1)]);
    expect(rows.map((r) => r.category)).toEqual([...EVIDENCE_CATEGORIES]);
    expect(rows.at(-1)).toEqual(count("outcomes", 2, 1));
    expect(rows[0]).toEqual(count("peoples_experience", 0, 0));
  });
});
