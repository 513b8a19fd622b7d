/**
 * Assurance measures: the words for each kind, unit, direction, frequency, data source and RAG
 * status, values written the way people read them ("7.8%", "£8.50", "112,000"), and the sentence
 * that says why a measure has its status. Browser-safe.
 *
 * The RAG rule itself lives in the database (supabase/migrations/20261129000510_measure_status.sql,
 * the view public.measure_statuses): this module only turns a row of that view into words and
 * never works a status out again.
 */
import { format, parseISO } from "date-fns";
import { formatDate } from "~/utils/dates";

export const MEASURE_KINDS = ["quantitative", "qualitative"] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_UNITS = ["percentage", "pounds", "count", "rate", "score"] as const;
export type MeasureUnit = (typeof MEASURE_UNITS)[number];

export const MEASURE_DIRECTIONS = ["higher_is_better", "lower_is_better"] as const;
export type MeasureDirection = (typeof MEASURE_DIRECTIONS)[number];

export const MEASURE_FREQUENCIES = ["monthly", "quarterly", "six_monthly", "annual", "ad_hoc"] as const;
export type MeasureFrequency = (typeof MEASURE_FREQUENCIES)[number];

export const MEASURE_DATA_SOURCES = ["workforce_data_set", "national_survey", "local_data", "other"] as const;
export type MeasureDataSource = (typeof MEASURE_DATA_SOURCES)[number];

/** How a quantitative measure's status is worked out; a qualitative one is always the evaluator's judgement. */
export const RAG_METHODS = ["trajectory", "thresholds", "judgement"] as const;
export type RagMethod = (typeof RAG_METHODS)[number];
export const QUANTITATIVE_RAG_METHODS = ["trajectory", "thresholds"] as const;

export const RAG_STATUSES = ["on_track", "at_risk", "off_track", "no_data"] as const;
export type RagStatus = (typeof RAG_STATUSES)[number];

/** Why the view gave a measure its status (one code per rule that decided it). */
export const RAG_REASONS = [
  "target_reached",
  "on_path",
  "within_tolerance",
  "behind_path",
  "past_target_date",
  "threshold_met",
  "between_thresholds",
  "threshold_missed",
  "judgement",
  "no_data",
] as const;
export type RagReason = (typeof RAG_REASONS)[number];

/** A qualitative milestone's judgement, recorded with each data point. */
export const JUDGEMENTS = ["on_track", "at_risk", "off_track"] as const;
export type Judgement = (typeof JUDGEMENTS)[number];

export const measureKindLabels: Record<MeasureKind, string> = {
  quantitative: "Quantitative: a number, with a baseline and a target",
  qualitative: "Qualitative: a milestone, with the evaluator’s judgement",
};

export const measureKindShortLabels: Record<MeasureKind, string> = {
  quantitative: "Quantitative",
  qualitative: "Qualitative (milestone)",
};

export const measureUnitLabels: Record<MeasureUnit, string> = {
  percentage: "Percentage (%)",
  pounds: "Pounds (£)",
  count: "Count (a number of people or things)",
  rate: "Rate",
  score: "Score",
};

export const measureDirectionLabels: Record<MeasureDirection, string> = {
  higher_is_better: "Higher is better",
  lower_is_better: "Lower is better",
};

export const measureFrequencyLabels: Record<MeasureFrequency, string> = {
  monthly: "Monthly",
  quarterly: "Quarterly",
  six_monthly: "Every 6 months",
  annual: "Once a year",
  ad_hoc: "When new data is published",
};

export const measureDataSourceLabels: Record<MeasureDataSource, string> = {
  workforce_data_set: "Adult social care workforce data set (ASC-WDS, formerly the national minimum data set)",
  national_survey: "A national workforce survey",
  local_data: "Local data",
  other: "Another source",
};

export const ragMethodLabels: Record<RagMethod, string> = {
  trajectory: "Against the straight-line path from baseline to target",
  thresholds: "Against two thresholds",
  judgement: "The evaluator’s judgement of each milestone",
};

export const ragMethodHints: Record<RagMethod, string> = {
  trajectory:
    "On track when the latest verified value is on or ahead of the path; at risk when it is behind by no more than the tolerance; off track when it is further behind, or the target date has passed without reaching the target.",
  thresholds:
    "On track when the latest verified value reaches the on-track threshold; off track when it reaches the off-track threshold; at risk in between.",
  judgement: "The status is the judgement recorded with the latest verified milestone.",
};

export const ragStatusLabels: Record<RagStatus, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  no_data: "No data yet",
};

/** GOV.UK tag colour per status; always shown with its words and a symbol, never colour alone. */
export const ragStatusTagClass: Record<RagStatus, string> = {
  on_track: "govuk-tag--green",
  at_risk: "govuk-tag--yellow",
  off_track: "govuk-tag--red",
  no_data: "govuk-tag--grey",
};

/** A symbol per status, so the status reads by shape as well as by its words. */
export const ragStatusSymbols: Record<RagStatus, string> = {
  on_track: "✓",
  at_risk: "!",
  off_track: "✗",
  no_data: "–",
};

export const judgementLabels: Record<Judgement, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
};

export const isRagStatus = (value: string): value is RagStatus => (RAG_STATUSES as readonly string[]).includes(value);

const plainNumber = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const penceNumber = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const wholePounds = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/**
 * A value in its unit, as people write it: "7.8%", "£8.50", "£7,000", "112,000", "3.25". Pounds
 * show pence unless the amount is a whole number of £100 or more.
 */
export function formatMeasureValue(value: number, unit: MeasureUnit | null): string {
  switch (unit) {
    case "percentage":
      return `${plainNumber.format(value)}%`;
    case "pounds": {
      const sign = value < 0 ? "-" : "";
      const amount = Math.abs(value);
      return `${sign}£${Number.isInteger(amount) && amount >= 100 ? wholePounds.format(amount) : penceNumber.format(amount)}`;
    }
    default:
      return plainNumber.format(value);
  }
}

/** A difference in the measure's unit: "0.5 percentage points", "£0.20", "1,000". */
export function formatMeasureDifference(value: number, unit: MeasureUnit | null): string {
  if (unit === "percentage") {
    return `${plainNumber.format(value)} ${value === 1 ? "percentage point" : "percentage points"}`;
  }
  return formatMeasureValue(value, unit);
}

/** "March 2028": the month a date falls in, for sentences about paths and periods. */
export const formatMonth = (iso: string) => format(parseISO(iso), "MMMM yyyy");

/** One row of public.measure_statuses, as the models read it. */
export type MeasureStatusRow = {
  status: RagStatus;
  reason: RagReason;
  latestValue: number | null;
  latestJudgement: Judgement | null;
  latestPeriodEnd: string | null;
  expectedValue: number | null;
};

/** What the status sentence needs to know of the measure itself. */
export type MeasureForWords = {
  unit: MeasureUnit | null;
  direction: MeasureDirection | null;
  targetValue: number | null;
  targetDate: string | null;
  tolerance: number | null;
  onTrackThreshold: number | null;
  offTrackThreshold: number | null;
};

/**
 * The status with its reason, in one sentence: "At risk: 7.1% as at March 2026; the path to 5% by
 * March 2028 needs 6.6% by then". The latest figure is dated by its period, not called "now": a
 * figure may be months old, and the path is judged at the date it describes.
 */
export function describeMeasureStatus(row: MeasureStatusRow, measure: MeasureForWords): string {
  if (row.reason === "no_data" || row.latestPeriodEnd === null) return "No verified data yet";
  return `${ragStatusLabels[row.status]}: ${reasonWords(row, measure)}`;
}

/**
 * The reason alone, as a sentence to show beside the status tag: "Target reached (4.9% as at …)",
 * "7.1% as at March 2026; the path to …".
 */
export function describeMeasureStatusReason(row: MeasureStatusRow, measure: MeasureForWords): string {
  if (row.reason === "no_data" || row.latestPeriodEnd === null) return "No verified data yet";
  const words = reasonWords(row, measure);
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

function reasonWords(row: MeasureStatusRow, measure: MeasureForWords): string {
  const periodEnd = row.latestPeriodEnd ?? "";
  if (row.reason === "judgement") {
    return `the evaluator’s judgement of the latest verified milestone (period ending ${formatDate(periodEnd)})`;
  }
  const when = formatMonth(periodEnd);
  const value = (n: number | null) => (n === null ? "no value" : formatMeasureValue(n, measure.unit));
  const latest = value(row.latestValue);
  const target = value(measure.targetValue);
  const path = `the path to ${target}${measure.targetDate ? ` by ${formatMonth(measure.targetDate)}` : ""}`;
  const lowerIsBetter = measure.direction === "lower_is_better";
  switch (row.reason) {
    case "target_reached":
      return `target reached (${latest} as at ${when}, against a target of ${target})`;
    case "past_target_date":
      return `the target date (${measure.targetDate ? formatDate(measure.targetDate) : "unknown"}) has passed and ${latest} is short of ${target}`;
    case "on_path":
      return `${latest} as at ${when}; ${path} needs ${value(row.expectedValue)} by then`;
    case "within_tolerance":
      return `${latest} as at ${when}; ${path} needs ${value(row.expectedValue)} by then${toleranceWords(measure, "within")}`;
    case "behind_path":
      return `${latest} as at ${when}; ${path} needs ${value(row.expectedValue)} by then${toleranceWords(measure, "beyond")}`;
    case "threshold_met":
      return `${latest} as at ${when} is at or ${lowerIsBetter ? "below" : "above"} the on-track threshold of ${value(measure.onTrackThreshold)}`;
    case "between_thresholds":
      return `${latest} as at ${when} is between the on-track threshold (${value(measure.onTrackThreshold)}) and the off-track threshold (${value(measure.offTrackThreshold)})`;
    case "threshold_missed":
      return `${latest} as at ${when} is at or ${lowerIsBetter ? "above" : "below"} the off-track threshold of ${value(measure.offTrackThreshold)}`;
    default:
      return "no verified data yet";
  }
}

/** ", within the 0.5 percentage points allowed" or ", more than the … allowed behind it", when the tolerance is known. */
function toleranceWords(measure: MeasureForWords, side: "within" | "beyond"): string {
  if (measure.tolerance === null) return "";
  const allowed = formatMeasureDifference(measure.tolerance, measure.unit);
  return side === "within" ? ` (behind, but within the ${allowed} allowed)` : ` (more than the ${allowed} allowed behind it)`;
}

/**
 * A short summary of a measure for a chart's text alternative: "Vacancy rate: baseline 7.8% in
 * March 2020, target 5% by March 2028, 3 verified values, latest 7.1% as at March 2026. At risk."
 */
export function describeTrend(input: {
  name: string;
  unit: MeasureUnit | null;
  baseline: { value: number; date: string } | null;
  target: { value: number; date: string } | null;
  points: { value: number; date: string; verified: boolean }[];
  status: RagStatus;
}): string {
  const { name, unit, baseline, target, points, status } = input;
  const verified = points.filter((p) => p.verified);
  const unverified = points.length - verified.length;
  const latest = verified.at(-1);
  const parts = [
    baseline ? `baseline ${formatMeasureValue(baseline.value, unit)} in ${formatMonth(baseline.date)}` : null,
    target ? `target ${formatMeasureValue(target.value, unit)} by ${formatMonth(target.date)}` : null,
    `${verified.length} verified ${verified.length === 1 ? "value" : "values"}`,
    unverified ? `${unverified} not yet verified` : null,
    latest ? `latest verified ${formatMeasureValue(latest.value, unit)} as at ${formatMonth(latest.date)}` : null,
  ].filter((p): p is string => p !== null);
  return `${name}: ${parts.join(", ")}. ${ragStatusLabels[status]}.`;
}
