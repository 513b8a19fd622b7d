import { evidenceCategoryLabels, evidenceKindLabels, evidenceStatusLabels, type EvidenceCategory, type EvidenceKind, type EvidenceStatus } from "./evidence";
import {
  describeMeasureStatusReason,
  judgementLabels,
  measureDirectionLabels,
  measureUnitLabels,
  ragStatusLabels,
  type Judgement,
  type MeasureDirection,
  type MeasureStatusRow,
  type MeasureUnit,
} from "./measures";
import { guardSpreadsheetFormula } from "./sign-off-matrix";

/**
 * The records of the measures and evidence CSV exports, header first. Text people typed goes
 * through the sign-off export's formula guard; numbers and dates we write ourselves do not, so a
 * value of -3 stays a number a spreadsheet can add up.
 */

type Cell = string | number | boolean | null;

const text = (value: string | null) => (value === null ? "" : guardSpreadsheetFormula(value));
const number = (value: number | null) => (value === null ? "" : String(value));
const yesNo = (value: boolean) => (value ? "Yes" : "No");

export const MEASURES_CSV_HEADER = [
  "Measure",
  "Unit",
  "Better when",
  "Baseline",
  "Baseline date",
  "Target",
  "Target date",
  "Target is an example",
  "Status",
  "Reason",
  "Period start",
  "Period end",
  "Value or judgement",
  "Evidence status",
  "Source",
];

/** What a measures CSV row needs (see listMeasureExportPage). */
export type MeasureCsvRow = {
  name: string;
  unit: MeasureUnit | null;
  direction: MeasureDirection | null;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  targetDate: string | null;
  targetIsExample: boolean;
  tolerance: number | null;
  onTrackThreshold: number | null;
  offTrackThreshold: number | null;
  rag: MeasureStatusRow;
  dataPointId: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  value: number | null;
  judgement: Judgement | null;
  evidenceStatus: EvidenceStatus | null;
  source: string | null;
};

/** One measure and one of its data points (or none) as a CSV record. */
export function measureCsvRecord(row: MeasureCsvRow): string[] {
  const cells: Cell[] = [
    text(row.name),
    row.unit ? measureUnitLabels[row.unit] : "Milestone",
    row.direction ? measureDirectionLabels[row.direction] : "",
    number(row.baselineValue),
    row.baselineDate,
    number(row.targetValue),
    row.targetDate,
    yesNo(row.targetIsExample),
    ragStatusLabels[row.rag.status],
    text(describeMeasureStatusReason(row.rag, row)),
    row.periodStart,
    row.periodEnd,
    row.value !== null ? number(row.value) : row.judgement ? judgementLabels[row.judgement] : "",
    row.evidenceStatus ? evidenceStatusLabels[row.evidenceStatus] : row.dataPointId ? "" : "No data points",
    text(row.source),
  ];
  return cells.map((c) => (c === null ? "" : String(c)));
}

export const EVIDENCE_CSV_HEADER = [
  "Title",
  "Kind",
  "Category",
  "Evidence for",
  "Measure, commitment or priority",
  "Priority",
  "Status",
  "Evidence date",
  "Submitted at",
  "Reviewed at",
  "Source",
  "File name",
  "File size (bytes)",
  "May be quoted",
  "May be published",
  "Anonymised",
  "Submitted by",
];

const targetTypeLabels = { measure: "Measure", commitment: "Commitment", priority: "Priority" } as const;

/** What an evidence CSV row needs (see listEvidenceExportPage): metadata only, never what it says or its file. */
export type EvidenceCsvRow = {
  title: string;
  kind: EvidenceKind;
  category: EvidenceCategory;
  targetType: keyof typeof targetTypeLabels;
  targetName: string | null;
  priorityNumbers: string;
  status: EvidenceStatus;
  evidenceDate: string;
  submittedAt: string | Date;
  reviewedAt: string | Date | null;
  source: string;
  fileName: string | null;
  fileByteSize: number | null;
  consentQuote: boolean;
  consentPublish: boolean;
  anonymised: boolean;
  submittedByName: string | null;
};

const iso = (value: string | Date | null) => (value === null ? "" : new Date(value).toISOString());

/** One piece of evidence as a CSV record. Consent is said only for stories, the only kind that asks for it. */
export function evidenceCsvRecord(row: EvidenceCsvRow): string[] {
  const story = row.kind === "story";
  const cells: Cell[] = [
    text(row.title),
    evidenceKindLabels[row.kind],
    evidenceCategoryLabels[row.category],
    targetTypeLabels[row.targetType],
    text(row.targetName),
    row.priorityNumbers,
    evidenceStatusLabels[row.status],
    row.evidenceDate,
    iso(row.submittedAt),
    iso(row.reviewedAt),
    text(row.source),
    text(row.fileName),
    number(row.fileByteSize),
    story ? yesNo(row.consentQuote) : "",
    story ? yesNo(row.consentPublish) : "",
    story ? yesNo(row.anonymised) : "",
    row.submittedByName === null ? (story && row.anonymised ? "Anonymised" : "") : text(row.submittedByName),
  ];
  return cells.map((c) => (c === null ? "" : String(c)));
}
