import { describe, expect, it } from "vitest";
import { EVIDENCE_CSV_HEADER, MEASURES_CSV_HEADER, evidenceCsvRecord, measureCsvRecord, type EvidenceCsvRow, type MeasureCsvRow } from "./exports";

const measure = (overrides: Partial<MeasureCsvRow> = {}): MeasureCsvRow => ({
  name: "Vacancy rate",
  unit: "percentage",
  direction: "lower_is_better",
  baselineValue: 7.8,
  baselineDate: "2020-03-31",
  targetValue: 5,
  targetDate: "2030-03-31",
  targetIsExample: true,
  tolerance: 0.5,
  onTrackThreshold: null,
  offTrackThreshold: null,
  rag: { status: "no_data", reason: "no_data", latestValue: null, latestJudgement: null, latestPeriodEnd: null, expectedValue: null },
  dataPointId: null,
  periodStart: null,
  periodEnd: null,
  value: null,
  judgement: null,
  evidenceStatus: null,
  source: null,
  ...overrides,
});

const evidence = (overrides: Partial<EvidenceCsvRow> = {}): EvidenceCsvRow => ({
  title: "What the forum said",
  kind: "feedback",
  category: "staff_leader_feedback",
  targetType: "priority",
  targetName: "Staff are valued",
  priorityNumbers: "1",
  status: "verified",
  evidenceDate: "2026-03-15",
  submittedAt: "2026-03-16T10:00:00.000Z",
  reviewedAt: null,
  source: "Forum",
  fileName: null,
  fileByteSize: null,
  consentQuote: false,
  consentPublish: false,
  anonymised: false,
  submittedByName: "Priya Patel",
  ...overrides,
});

const cell = (header: string[], record: string[], name: string) => record[header.indexOf(name)];

describe("the measures CSV record", () => {
  it("has a cell for every heading, and says so when a measure has no data points", () => {
    const record = measureCsvRecord(measure());
    expect(record).toHaveLength(MEASURES_CSV_HEADER.length);
    expect(cell(MEASURES_CSV_HEADER, record, "Evidence status")).toBe("No data points");
    expect(cell(MEASURES_CSV_HEADER, record, "Reason")).toBe("No verified data yet");
  });

  it("keeps formula-looking text as text but leaves a negative value a number", () => {
    const record = measureCsvRecord(
      measure({ name: "=1+1", source: "+44 survey", dataPointId: "x", periodEnd: "2025-03-31", value: -3, evidenceStatus: "verified" }),
    );
    expect(cell(MEASURES_CSV_HEADER, record, "Measure")).toBe("'=1+1");
    expect(cell(MEASURES_CSV_HEADER, record, "Source")).toBe("'+44 survey");
    expect(cell(MEASURES_CSV_HEADER, record, "Value or judgement")).toBe("-3");
    expect(cell(MEASURES_CSV_HEADER, record, "Evidence status")).toBe("Verified");
  });

  it("gives a milestone's judgement in words", () => {
    const record = measureCsvRecord(measure({ unit: null, direction: null, dataPointId: "x", periodEnd: "2025-09-30", judgement: "at_risk", evidenceStatus: "submitted" }));
    expect(cell(MEASURES_CSV_HEADER, record, "Unit")).toBe("Milestone");
    expect(cell(MEASURES_CSV_HEADER, record, "Value or judgement")).toBe("At risk");
  });
});

describe("the evidence CSV record", () => {
  it("says consent only for stories, the only kind that asks for it", () => {
    expect(cell(EVIDENCE_CSV_HEADER, evidenceCsvRecord(evidence()), "May be published")).toBe("");
    const story = evidenceCsvRecord(evidence({ kind: "story", consentQuote: true, consentPublish: false, anonymised: true }));
    expect([cell(EVIDENCE_CSV_HEADER, story, "May be quoted"), cell(EVIDENCE_CSV_HEADER, story, "May be published")]).toEqual(["Yes", "No"]);
  });

  it("says a name is withheld for an anonymised story, and leaves it blank when the reader may see no names", () => {
    expect(cell(EVIDENCE_CSV_HEADER, evidenceCsvRecord(evidence({ kind: "story", anonymised: true, submittedByName: null })), "Submitted by")).toBe(
      "Anonymised",
    );
    expect(cell(EVIDENCE_CSV_HEADER, evidenceCsvRecord(evidence({ submittedByName: null })), "Submitted by")).toBe("");
  });

  it("writes moments as ISO 8601 in UTC and keeps formula-looking titles as text", () => {
    const record = evidenceCsvRecord(evidence({ title: "@cmd", reviewedAt: new Date("2026-03-17T09:30:00Z") }));
    expect(cell(EVIDENCE_CSV_HEADER, record, "Title")).toBe("'@cmd");
    expect(cell(EVIDENCE_CSV_HEADER, record, "Reviewed at")).toBe("2026-03-17T09:30:00.000Z");
  });
});
