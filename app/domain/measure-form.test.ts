import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { measureFormValues, measureSchema, parseMeasureNumber } from "./measure-form";

const PRIORITY = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const COMMITMENT = "3f2b8c1e-0a4d-4c5e-9f6a-1b2c3d4e5f60";

function submit(entries: [string, string][]) {
  const formData = new FormData();
  for (const [name, value] of entries) formData.append(name, value);
  return parseWithZod(formData, { schema: measureSchema({ priorityIds: [PRIORITY], commitmentIds: [COMMITMENT] }) });
}

/** The field errors of a submission, or undefined when it is valid. */
function errors(entries: [string, string][]) {
  const submission = submit(entries);
  return submission.status === "success" ? undefined : submission.error;
}

const date = (name: string, day: string, month: string, year: string): [string, string][] => [
  [`${name}.day`, day],
  [`${name}.month`, month],
  [`${name}.year`, year],
];

const vacancyRate: [string, string][] = [
  ["name", "Vacancy rate"],
  ["definition", "Share of roles that are vacant."],
  ["kind", "quantitative"],
  ["unit", "percentage"],
  ["direction", "lower_is_better"],
  ["baselineValue", "7.8%"],
  ...date("baselineDate", "31", "3", "2020"),
  ["baselineSource", "Skills for Care estimates"],
  ["targetValue", "5"],
  ...date("targetDate", "31", "3", "2030"),
  ["targetIsExample", "on"],
  ["frequency", "annual"],
  ["dataSource", "workforce_data_set"],
  ["dataSourceDetail", ""],
  ["ragMethod", "trajectory"],
  ["tolerance", "0.5"],
  ["priorityIds", PRIORITY],
];

const without = (entries: [string, string][], ...names: string[]) =>
  entries.filter(([name]) => !names.some((n) => name === n || name.startsWith(`${n}.`)));
const replacing = (entries: [string, string][], name: string, value: string): [string, string][] => [
  ...without(entries, name),
  [name, value],
];

describe("parseMeasureNumber", () => {
  it("reads numbers as people type them", () => {
    expect(parseMeasureNumber("7.8")).toBe(7.8);
    expect(parseMeasureNumber(" 7.8 % ")).toBe(7.8);
    expect(parseMeasureNumber("£8.50")).toBe(8.5);
    expect(parseMeasureNumber("112,000")).toBe(112000);
    expect(parseMeasureNumber("-0.5")).toBe(-0.5);
    expect(parseMeasureNumber("0")).toBe(0);
  });

  it("refuses what is not clearly one number", () => {
    for (const text of ["7,8", "1,00", "seven", "7.8.1", "", "£", "1e3", "Infinity", "12 000 0"]) {
      expect(parseMeasureNumber(text), text).toBeNull();
    }
    expect(parseMeasureNumber(undefined)).toBeNull();
  });
});

describe("the measure form: a quantitative measure", () => {
  it("accepts a complete measure and gives its details and links", () => {
    const submission = submit([...vacancyRate, ["commitmentIds", COMMITMENT]]);
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toEqual({
      details: {
        name: "Vacancy rate",
        definition: "Share of roles that are vacant.",
        kind: "quantitative",
        unit: "percentage",
        direction: "lower_is_better",
        baselineValue: 7.8,
        baselineDate: "2020-03-31",
        baselineSource: "Skills for Care estimates",
        targetValue: 5,
        targetDate: "2030-03-31",
        targetIsExample: true,
        frequency: "annual",
        dataSource: "workforce_data_set",
        dataSourceDetail: "",
        ragMethod: "trajectory",
        tolerance: 0.5,
        onTrackThreshold: null,
        offTrackThreshold: null,
      },
      links: { priorityIds: [PRIORITY], commitmentIds: [COMMITMENT] },
    });
  });

  it("asks for everything a number needs, each next to its field, all at once", () => {
    expect(errors([["kind", "quantitative"]])).toEqual({
      name: ["Enter the name of the measure"],
      frequency: ["Select how often the measure is reported"],
      dataSource: ["Select where the data comes from"],
      priorityIds: ["Select at least one priority or commitment that this measure shows progress on"],
      unit: ["Select the unit"],
      direction: ["Select whether higher or lower is better"],
      baselineDate: ["Enter the date of the baseline"],
      targetDate: ["Enter the target date"],
      baselineSource: ["Enter where the baseline comes from"],
      baselineValue: ["Enter the baseline value"],
      targetValue: ["Enter the target value"],
      ragMethod: ["Select how the status is worked out"],
    });
  });

  it("asks whether it is a number or a milestone", () => {
    expect(errors(without(vacancyRate, "kind"))).toEqual({ kind: ["Select whether the measure is a number or a milestone"] });
  });

  it("says which numbers are not numbers, and keeps percentages between 0 and 100", () => {
    expect(errors(replacing(vacancyRate, "baselineValue", "7,8"))).toEqual({ baselineValue: ["The baseline must be a number, for example 7.8"] });
    expect(errors(replacing(vacancyRate, "targetValue", "120"))).toEqual({ targetValue: ["The target must be between 0% and 100%"] });
    expect(errors(replacing(replacing(vacancyRate, "unit", "pounds"), "tolerance", "ten pence"))).toEqual({
      tolerance: ["The tolerance must be a number, for example 8.50"],
    });
    expect(errors(replacing(vacancyRate, "tolerance", "-1"))).toEqual({ tolerance: ["The tolerance must be 0 or more"] });
  });

  it("checks the dates: complete, real, and the target after the baseline", () => {
    expect(errors([...without(vacancyRate, "baselineDate"), ...date("baselineDate", "31", "", "2020")])).toEqual({
      baselineDate: ["The baseline date must include a month"],
    });
    expect(errors([...without(vacancyRate, "targetDate"), ...date("targetDate", "31", "2", "2030")])).toEqual({
      targetDate: ["The target date must be a real date, for example 31 3 2028"],
    });
    expect(errors([...without(vacancyRate, "targetDate"), ...date("targetDate", "31", "3", "2020")])).toEqual({
      targetDate: ["The target date must be after the baseline date"],
    });
  });

  it("keeps the target on the better side of the baseline for the direction", () => {
    expect(errors(replacing(vacancyRate, "targetValue", "9"))).toEqual({
      targetValue: ["Lower is better, so the target cannot be higher than the baseline"],
    });
    expect(errors(replacing(replacing(vacancyRate, "direction", "higher_is_better"), "targetValue", "5"))).toEqual({
      targetValue: ["Higher is better, so the target cannot be lower than the baseline"],
    });
    expect(errors(replacing(vacancyRate, "targetValue", "7.8"))).toBeUndefined();
  });

  it("needs a tolerance for the path, and both thresholds in the right order for the direction", () => {
    expect(errors(without(vacancyRate, "tolerance"))).toEqual({ tolerance: ["Enter the tolerance, or 0 to allow none"] });
    const thresholds = replacing(without(vacancyRate, "tolerance"), "ragMethod", "thresholds");
    expect(errors(thresholds)).toEqual({
      onTrackThreshold: ["Enter the on-track threshold"],
      offTrackThreshold: ["Enter the off-track threshold"],
    });
    expect(errors([...thresholds, ["onTrackThreshold", "8"], ["offTrackThreshold", "6"]])).toEqual({
      onTrackThreshold: ["Lower is better, so the on-track threshold must be lower than the off-track threshold"],
    });
    const higher = replacing(replacing(thresholds, "direction", "higher_is_better"), "targetValue", "9");
    expect(errors([...higher, ["onTrackThreshold", "6"], ["offTrackThreshold", "6"]])).toEqual({
      onTrackThreshold: ["Higher is better, so the on-track threshold must be higher than the off-track threshold"],
    });
    const fine = submit([...thresholds, ["onTrackThreshold", "6"], ["offTrackThreshold", "8"], ["tolerance", "3"]]);
    expect(fine.status === "success" && fine.value.details).toMatchObject({
      ragMethod: "thresholds",
      onTrackThreshold: 6,
      offTrackThreshold: 8,
      // A tolerance typed before choosing thresholds is not kept.
      tolerance: null,
    });
  });

  it("refuses links the form did not offer", () => {
    expect(errors([...vacancyRate, ["commitmentIds", PRIORITY]])).toEqual({ commitmentIds: ["Select commitments from the list"] });
    expect(errors([...without(vacancyRate, "priorityIds"), ["priorityIds", COMMITMENT]])).toEqual({
      priorityIds: ["Select priorities from the list"],
    });
  });

  it("limits the lengths of the words", () => {
    expect(errors(replacing(vacancyRate, "name", "Va"))).toEqual({ name: ["The name must be 3 characters or more"] });
    expect(errors(replacing(vacancyRate, "definition", "d".repeat(4001)))).toEqual({
      definition: ["The definition must be 4,000 characters or fewer"],
    });
    expect(errors(replacing(vacancyRate, "baselineSource", "x"))).toEqual({
      baselineSource: ["The source of the baseline must be 2 characters or more"],
    });
  });
});

describe("the measure form: a qualitative measure (a milestone)", () => {
  const milestone: [string, string][] = [
    ["name", "People plan published"],
    ["kind", "qualitative"],
    ["frequency", "six_monthly"],
    ["dataSource", "other"],
    ["commitmentIds", COMMITMENT],
  ];

  it("needs no unit, baseline or target, and is judged by the evaluator", () => {
    const submission = submit(milestone);
    expect(submission.status === "success" && submission.value.details).toMatchObject({
      kind: "qualitative",
      unit: null,
      direction: null,
      baselineValue: null,
      baselineDate: null,
      targetValue: null,
      targetDate: null,
      ragMethod: "judgement",
      tolerance: null,
    });
  });

  it("keeps a milestone date, and leaves out numbers typed for a quantitative measure", () => {
    const submission = submit([...milestone, ...date("targetDate", "31", "3", "2027"), ["baselineValue", "7"], ["tolerance", "1"]]);
    expect(submission.status === "success" && submission.value.details).toMatchObject({
      targetDate: "2027-03-31",
      baselineValue: null,
      tolerance: null,
    });
    expect(errors([...milestone, ...date("targetDate", "31", "", "2027")])).toEqual({
      targetDate: ["The milestone date must include a month"],
    });
  });
});

describe("measureFormValues", () => {
  it("gives a saved measure back as the answers that would save it again", () => {
    const submission = submit(vacancyRate);
    if (submission.status !== "success") throw new Error("the fixture should be valid");
    const values = measureFormValues(submission.value.details, submission.value.links);
    expect(values).toMatchObject({
      baselineValue: "7.8",
      baselineDate: { day: "31", month: "3", year: "2020" },
      targetIsExample: true,
      ragMethod: "trajectory",
      priorityIds: [PRIORITY],
    });
  });
});
