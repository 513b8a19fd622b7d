import { isMatch } from "date-fns";
import { z } from "zod";
import { formatDate } from "~/utils/dates";
import {
  EVIDENCE_CATEGORIES,
  MILESTONE_JUDGEMENTS,
  type EvidenceCategory,
  type EvidenceKind,
  type MilestoneJudgement,
} from "./evidence";

/**
 * The evidence form, one schema per kind: what every kind asks (what it is for, its category,
 * title, source and date), and what each kind adds — a data point's value (or a milestone's
 * judgement) and period, a story's consent, the words of a story or feedback. A document's file is
 * not a form field: the upload is checked while it streams and its error is added beside these.
 */

/** What the evidence is for, as the form's select sends it: "measure:<id>", "commitment:<id>" or "priority:<id>". */
export type TargetValue = `${"measure" | "commitment" | "priority"}:${string}`;
export type EvidenceTargetRef = { measureId: string } | { commitmentId: string } | { priorityId: string };

/** A target as the select's value. */
export function targetValue(target: EvidenceTargetRef): TargetValue {
  if ("measureId" in target) return `measure:${target.measureId}`;
  if ("commitmentId" in target) return `commitment:${target.commitmentId}`;
  return `priority:${target.priorityId}`;
}

/** The select's value as a target, or undefined when it is not one. */
export function parseTargetValue(value: string): EvidenceTargetRef | undefined {
  const [type, id, ...rest] = value.split(":");
  if (!id || rest.length) return undefined;
  if (type === "measure") return { measureId: id };
  if (type === "commitment") return { commitmentId: id };
  if (type === "priority") return { priorityId: id };
  return undefined;
}

/** A measure's unit, as far as a value typed for it must respect. */
export type ValueUnit = "percentage" | "pounds" | "count" | "rate" | "score";

/** The measure a data point is for: a qualitative one takes a judgement, not a value. */
export type DataPointMeasure = { name: string; kind: "quantitative" | "qualitative"; unit: ValueUnit | null };

export type EvidenceFormOptions = {
  kind: EvidenceKind;
  /** The targets the form offered; the answer must be one of them. */
  targetValues: readonly string[];
  /** A data point's measure. */
  measure?: DataPointMeasure;
  /** Today (YYYY-MM-DD): evidence cannot be dated in the future. */
  today: string;
};

const isRealDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isMatch(value, "yyyy-MM-dd");
const listed = (words: string[]) => (words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words.at(-1)}` : words[0]);
const datePart = z.string().trim().optional();

/**
 * A GOV.UK date input (day, month, year) as one calendar date ("2026-03-31"), with messages that
 * name the date ("the end of the period"). Empty is undefined unless the date is required.
 */
function dateSchema(name: string, { required }: { required: boolean }) {
  return z
    .object({ day: datePart, month: datePart, year: datePart })
    .optional()
    .transform((parts, ctx) => {
      const { day, month, year } = parts ?? {};
      if (!day && !month && !year) {
        if (required) {
          ctx.addIssue({ code: "custom", message: `Enter ${name}` });
          return z.NEVER;
        }
        return undefined;
      }
      const missing = [!day && "day", !month && "month", !year && "year"].filter((w): w is string => Boolean(w));
      if (missing.length) {
        ctx.addIssue({ code: "custom", message: `${capitalise(name)} must include a ${listed(missing)}` });
        return z.NEVER;
      }
      const iso = `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
      if (!/^\d{1,2}$/.test(day!) || !/^\d{1,2}$/.test(month!) || !/^\d{4}$/.test(year!) || !isRealDate(iso)) {
        ctx.addIssue({ code: "custom", message: `${capitalise(name)} must be a real date, for example 31 3 2026` });
        return z.NEVER;
      }
      return iso;
    });
}

const capitalise = (value: string) => `${value.charAt(0).toUpperCase()}${value.slice(1)}`;

/** The consent a story was given, as the form's checkboxes show it. */
export function consentValues(item: { consentQuote: boolean; consentPublish: boolean; anonymised: boolean }): Consent[] {
  return CONSENTS.filter((c) => (c === "quote" ? item.consentQuote : c === "publish" ? item.consentPublish : item.anonymised));
}

/** A stored calendar date ("2026-03-31") as the date input's three parts. */
export function dateParts(iso: string | null): { day: string; month: string; year: string } | undefined {
  if (!iso) return undefined;
  const [year, month, day] = iso.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year: year! };
}

/**
 * A value as a person types it ("7.1", "7.1%", "£8.50", "112,000") as a number, or undefined when
 * it is not one. A comma is read as a thousands separator only between groups of three digits, so
 * "7,8" is not taken for 78.
 */
export function parseValue(raw: string): number | undefined {
  const cleaned = raw.trim().replace(/^£\s*/, "").replace(/\s*%$/, "");
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(cleaned)) return undefined;
  const value = Number(cleaned.replaceAll(",", ""));
  return Number.isFinite(value) ? value : undefined;
}

/** Why a number cannot be a value in this unit, or null when it can. */
export function valueProblem(value: number, unit: ValueUnit | null): string | null {
  switch (unit) {
    case "percentage":
      return value < 0 || value > 100 ? "A percentage must be between 0 and 100" : null;
    case "pounds":
      return value < 0 ? "An amount in pounds cannot be less than 0" : null;
    case "count":
      return !Number.isInteger(value) || value < 0 ? "A count must be a whole number, 0 or more" : null;
    default:
      return null;
  }
}

const text = (name: string, { min, max }: { min: number; max: number }) =>
  z
    .string({ message: `Enter ${name}` })
    .trim()
    .min(1, { message: `Enter ${name}`, abort: true })
    .min(min, `${capitalise(name)} must be ${min} characters or more`)
    .max(max, `${capitalise(name)} must be ${max.toLocaleString("en-GB")} characters or fewer`);

const optionalText = (name: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${capitalise(name)} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .optional()
    .transform((value) => value ?? "");

/** What a storyteller may agree to, as the form's checkboxes send it. */
export const CONSENTS = ["quote", "publish", "anonymised"] as const;
export type Consent = (typeof CONSENTS)[number];

/** A data point's value, checked against its measure's unit; a qualitative measure takes none. */
function valueSchema(measure: DataPointMeasure | undefined, isDataPoint: boolean) {
  return z
    .string()
    .trim()
    .optional()
    .transform((raw, ctx) => {
      if (!isDataPoint || measure?.kind === "qualitative") return null;
      if (!raw) {
        ctx.addIssue({ code: "custom", message: "Enter the value" });
        return z.NEVER;
      }
      const number = parseValue(raw);
      const problem =
        number === undefined
          ? `“${raw}” is not a number: enter the value in figures, for example 7.1`
          : valueProblem(number, measure?.unit ?? null);
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      return number!;
    });
}

/** A qualitative measure's milestone: the judgement of how it is going. */
function judgementSchema(required: boolean) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): MilestoneJudgement | null => {
      if (!required) return null;
      if (!(MILESTONE_JUDGEMENTS as readonly string[]).includes(raw ?? "")) {
        ctx.addIssue({ code: "custom", message: "Select whether the milestone is on track, at risk or off track" });
        return z.NEVER;
      }
      return raw as MilestoneJudgement;
    });
}

/**
 * The schema of the evidence form for one kind. Each rule sits on its own field where it can, so
 * every problem is reported at once (zod skips whole-form checks while any field has failed).
 */
export function evidenceSchema({ kind, targetValues, measure, today }: EvidenceFormOptions) {
  const isDataPoint = kind === "data_point";
  const qualitative = isDataPoint && measure?.kind === "qualitative";
  const wordsRequired = kind === "story" || kind === "feedback";
  return z
    .object({
      target: z
        .string({ message: "Select what the evidence is for" })
        .refine((value) => targetValues.includes(value), { message: "Select what the evidence is for from the list", abort: true })
        .refine((value) => !isDataPoint || value.startsWith("measure:"), "A data point must be for a measure"),
      category: z.enum(EVIDENCE_CATEGORIES, { message: "Select the category of the evidence" }),
      // A data point is named after its measure and period when no title is given.
      title: isDataPoint ? optionalText("the title", 200) : text("a title", { min: 3, max: 200 }),
      body: wordsRequired
        ? text(kind === "story" ? "the story" : "the feedback", { min: 10, max: 10000 })
        : optionalText("the description", 10000),
      source: text("the source", { min: 2, max: 300 }),
      evidenceDate: dateSchema("the date of the evidence", { required: true }).refine(
        (value) => !value || value <= today,
        "The date of the evidence must be today or in the past",
      ),
      value: valueSchema(measure, isDataPoint),
      judgement: judgementSchema(qualitative),
      periodStart: dateSchema("the start of the period", { required: false }),
      periodEnd: dateSchema("the end of the period", { required: isDataPoint }),
      // Unticked checkboxes send nothing; anything else sent is not a consent the form offered.
      consent: z
        .array(z.string())
        .optional()
        .transform((values) => new Set((values ?? []).filter((v): v is Consent => (CONSENTS as readonly string[]).includes(v)))),
    })
    .superRefine((value, ctx) => {
      if (isDataPoint && value.periodStart && value.periodEnd && value.periodStart > value.periodEnd) {
        ctx.addIssue({
          code: "custom",
          path: ["periodStart"],
          message: "The start of the period must be the same as or before its end",
        });
      }
    })
    .transform((value) => {
      const target = parseTargetValue(value.target)!;
      const periodEnd = isDataPoint ? (value.periodEnd ?? null) : null;
      const story = kind === "story";
      return {
        kind,
        category: value.category as EvidenceCategory,
        target,
        title: value.title || dataPointTitle(measure?.name ?? "Data point", periodEnd ?? value.evidenceDate!),
        body: value.body,
        source: value.source,
        evidenceDate: value.evidenceDate!,
        value: value.value,
        judgement: value.judgement,
        periodStart: isDataPoint ? (value.periodStart ?? null) : null,
        periodEnd,
        consentQuote: story && value.consent.has("quote"),
        consentPublish: story && value.consent.has("publish"),
        anonymised: story && value.consent.has("anonymised"),
      };
    });
}

export type EvidenceForm = z.input<ReturnType<typeof evidenceSchema>>;
export type EvidenceDetails = z.output<ReturnType<typeof evidenceSchema>>;

/** "Vacancy rate for the period ending 31 March 2026", cut to fit a title. */
export function dataPointTitle(measureName: string, periodEnd: string): string {
  const suffix = ` for the period ending ${formatDate(periodEnd)}`;
  const room = 200 - suffix.length;
  const name = measureName.length > room ? `${measureName.slice(0, room - 1).trimEnd()}…` : measureName;
  return `${name}${suffix}`;
}

/** The review form: verify (a note is optional), return for more information or reject (a note is required). */
export const REVIEW_DECISIONS = ["verified", "returned", "rejected"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const reviewDecisionLabels: Record<ReviewDecision, string> = {
  verified: "Verify it",
  returned: "Return it for more information",
  rejected: "Reject it",
};

export const reviewDecisionHints: Record<ReviewDecision, string> = {
  verified: "It is what it says it is. It will count towards the measure's status and the priority's evidence.",
  returned: "The person who submitted it can answer and send it back. Say what you need in the note.",
  rejected: "It cannot be used. Say why in the note: the person who submitted it will see it.",
};

export const reviewSchema = z
  .object({
    decision: z.enum(REVIEW_DECISIONS, { message: "Select what you decide" }),
    note: z.string().trim().max(2000, "The note must be 2,000 characters or fewer").optional(),
  })
  .superRefine((value, ctx) => {
    const note = value.note ?? "";
    if (value.decision !== "verified" && note.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["note"],
        message:
          value.decision === "returned"
            ? "Enter a note saying what more information you need"
            : "Enter the reason for rejecting the evidence",
      });
    } else if (note.length > 0 && note.length < 3) {
      ctx.addIssue({ code: "custom", path: ["note"], message: "The note must be 3 characters or more" });
    }
  })
  .transform((value) => ({ decision: value.decision, note: value.note ? value.note : null }));

export type ReviewForm = z.input<typeof reviewSchema>;
