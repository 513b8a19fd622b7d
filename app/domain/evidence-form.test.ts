import { describe, expect, it } from "vitest";
import {
  dataPointTitle,
  dateParts,
  evidenceSchema,
  parseTargetValue,
  parseValue,
  reviewSchema,
  targetValue,
  valueProblem,
  type EvidenceFormOptions,
} from "./evidence-form";

const MEASURE = "11111111-1111-4111-8111-111111111111";
const PRIORITY = "22222222-2222-4222-8222-222222222222";
const today = "2026-06-01";

const options = (overrides: Partial<EvidenceFormOptions> = {}): EvidenceFormOptions => ({
  kind: "data_point",
  targetValues: [`measure:${MEASURE}`, `priority:${PRIORITY}`],
  measure: { name: "Vacancy rate", kind: "quantitative", unit: "percentage" },
  today,
  ...overrides,
});

const date = (iso: string) => dateParts(iso);

const dataPointInput = (overrides: Record<string, unknown> = {}) => ({
  target: `measure:${MEASURE}`,
  category: "outcomes",
  source: "Adult social care workforce data set",
  evidenceDate: date("2026-05-01"),
  value: "7.1%",
  periodStart: date("2025-04-01"),
  periodEnd: date("2026-03-31"),
  ...overrides,
});

/** The field errors of a failed parse, by field. */
function errorsOf(result: ReturnType<ReturnType<typeof evidenceSchema>["safeParse"]>) {
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}

describe("values as people type them", () => {
  it("reads figures with a percent sign, a pound sign or thousands separators", () => {
    expect(parseValue("7.1")).toBe(7.1);
    expect(parseValue(" 7.1% ")).toBe(7.1);
    expect(parseValue("£8.50")).toBe(8.5);
    expect(parseValue("112,000")).toBe(112000);
    expect(parseValue("-2")).toBe(-2);
  });

  it("does not guess at what is not a number", () => {
    for (const raw of ["7,8", "seven", "7.1.2", "", "1e3", "12,34,567"]) expect(parseValue(raw)).toBeUndefined();
  });

  it("keeps each unit's values within what it allows", () => {
    expect(valueProblem(101, "percentage")).toBe("A percentage must be between 0 and 100");
    expect(valueProblem(-1, "pounds")).toBe("An amount in pounds cannot be less than 0");
    expect(valueProblem(2.5, "count")).toBe("A count must be a whole number, 0 or more");
    expect(valueProblem(-3, "score")).toBeNull();
  });
});

describe("the evidence form", () => {
  it("gives a data point its value, period and a title from its measure and period", () => {
    const result = evidenceSchema(options()).safeParse(dataPointInput());
    expect(result.success && result.data).toEqual({
      kind: "data_point",
      category: "outcomes",
      target: { measureId: MEASURE },
      title: "Vacancy rate for the period ending 31 March 2026",
      body: "",
      source: "Adult social care workforce data set",
      evidenceDate: "2026-05-01",
      value: 7.1,
      periodStart: "2025-04-01",
      periodEnd: "2026-03-31",
      judgement: null,
      consentQuote: false,
      consentPublish: false,
      anonymised: false,
    });
  });

  it("says what is missing from a data point, each beside its field", () => {
    const result = evidenceSchema(options()).safeParse({ target: `measure:${MEASURE}`, value: "" });
    expect(errorsOf(result)).toEqual({
      category: ["Select the category of the evidence"],
      source: ["Enter the source"],
      evidenceDate: ["Enter the date of the evidence"],
      value: ["Enter the value"],
      periodEnd: ["Enter the end of the period"],
    });
  });

  it("refuses a value that is not a number or not possible in the unit, and a period that ends before it starts", () => {
    expect(errorsOf(evidenceSchema(options()).safeParse(dataPointInput({ value: "7,8%" })))).toEqual({
      value: ["“7,8%” is not a number: enter the value in figures, for example 7.1"],
    });
    expect(errorsOf(evidenceSchema(options()).safeParse(dataPointInput({ value: "120" })))).toEqual({
      value: ["A percentage must be between 0 and 100"],
    });
    expect(errorsOf(evidenceSchema(options()).safeParse(dataPointInput({ value: "" })))).toEqual({ value: ["Enter the value"] });
    expect(errorsOf(evidenceSchema(options()).safeParse(dataPointInput({ periodStart: date("2026-04-01") })))).toEqual({
      periodStart: ["The start of the period must be the same as or before its end"],
    });
  });

  it("refuses dates that do not exist, are incomplete or are in the future", () => {
    expect(
      errorsOf(
        evidenceSchema(options()).safeParse(
          dataPointInput({ evidenceDate: { day: "30", month: "2", year: "2026" }, periodEnd: { day: "31", month: "3" } }),
        ),
      ),
    ).toEqual({
      evidenceDate: ["The date of the evidence must be a real date, for example 31 3 2026"],
      periodEnd: ["The end of the period must include a year"],
    });
    expect(errorsOf(evidenceSchema(options()).safeParse(dataPointInput({ evidenceDate: date("2026-06-02") })))).toEqual({
      evidenceDate: ["The date of the evidence must be today or in the past"],
    });
  });

  it("takes a judgement, not a value, for a qualitative measure's milestone", () => {
    const qualitative = options({ measure: { name: "Workforce plan agreed", kind: "qualitative", unit: null } });
    expect(errorsOf(evidenceSchema(qualitative).safeParse(dataPointInput({ value: "7" })))).toEqual({
      judgement: ["Select whether the milestone is on track, at risk or off track"],
    });
    const result = evidenceSchema(qualitative).safeParse(dataPointInput({ value: "7", judgement: "at_risk" }));
    expect(result.success && { value: result.data.value, judgement: result.data.judgement }).toEqual({ value: null, judgement: "at_risk" });
  });

  it("only lets a data point be for a measure, and only a target the form offered", () => {
    expect(errorsOf(evidenceSchema(options()).safeParse(dataPointInput({ target: `priority:${PRIORITY}` })))).toEqual({
      target: ["A data point must be for a measure"],
    });
    expect(errorsOf(evidenceSchema(options()).safeParse(dataPointInput({ target: "priority:someone-else" })))).toEqual({
      target: ["Select what the evidence is for from the list"],
    });
  });

  it("asks a story for its words and keeps the consent given; a value sent with it is ignored", () => {
    const schema = evidenceSchema(options({ kind: "story", measure: undefined }));
    const input = {
      target: `priority:${PRIORITY}`,
      category: "peoples_experience",
      title: "Care at home",
      source: "Drop-in session",
      evidenceDate: date("2026-05-20"),
      consent: ["quote", "anonymised", "sell"],
      value: "3",
    };
    expect(errorsOf(schema.safeParse(input))).toEqual({ body: ["Enter the story"] });
    const result = schema.safeParse({ ...input, body: "My care workers changed every week." });
    expect(result.success && result.data).toMatchObject({
      kind: "story",
      target: { priorityId: PRIORITY },
      value: null,
      periodEnd: null,
      consentQuote: true,
      consentPublish: false,
      anonymised: true,
    });
  });

  it("drops consent from anything that is not a story, and needs a title for it", () => {
    const schema = evidenceSchema(options({ kind: "feedback", measure: undefined }));
    const input = {
      target: `priority:${PRIORITY}`,
      category: "partner_feedback",
      body: "The council said recruitment is easier this year.",
      source: "Partnership board",
      evidenceDate: date("2026-05-20"),
      consent: ["publish"],
    };
    expect(errorsOf(schema.safeParse(input))).toEqual({ title: ["Enter a title"] });
    const result = schema.safeParse({ ...input, title: "Partnership board feedback" });
    expect(result.success && result.data.consentPublish).toBe(false);
  });
});

describe("targets", () => {
  it("round-trips what the select sends", () => {
    expect(parseTargetValue(targetValue({ priorityId: PRIORITY }))).toEqual({ priorityId: PRIORITY });
    expect(parseTargetValue("strategy:x")).toBeUndefined();
    expect(parseTargetValue("measure:a:b")).toBeUndefined();
  });

  it("names a data point after its measure and period, cut to fit", () => {
    expect(dataPointTitle("Vacancy rate", "2026-03-31")).toBe("Vacancy rate for the period ending 31 March 2026");
    expect(dataPointTitle("x".repeat(300), "2026-03-31").length).toBe(200);
  });
});

describe("the review form", () => {
  it("needs a note to return or reject, and none to verify", () => {
    expect(reviewSchema.safeParse({ decision: "verified" }).data).toEqual({ decision: "verified", note: null });
    expect(reviewSchema.safeParse({ decision: "returned", note: "  " }).error?.issues.map((i) => i.message)).toEqual([
      "Enter a note saying what more information you need",
    ]);
    expect(reviewSchema.safeParse({ decision: "rejected" }).error?.issues.map((i) => i.message)).toEqual([
      "Enter the reason for rejecting the evidence",
    ]);
    expect(reviewSchema.safeParse({}).error?.issues.map((i) => i.message)).toEqual(["Select what you decide"]);
  });
});
