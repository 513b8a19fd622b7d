import { z } from "zod";
import { isRealDate } from "./commitment-form";
import {
  MEASURE_DATA_SOURCES,
  MEASURE_DIRECTIONS,
  MEASURE_FREQUENCIES,
  MEASURE_KINDS,
  MEASURE_UNITS,
  QUANTITATIVE_RAG_METHODS,
  type MeasureDataSource,
  type MeasureDirection,
  type MeasureFrequency,
  type MeasureKind,
  type MeasureUnit,
  type RagMethod,
} from "./measures";

/**
 * The form of "define a measure" and "edit measure". Each field is read as typed; the rules that
 * join fields (a quantitative measure needs a unit, baseline and target; the target date comes
 * after the baseline date; a trajectory needs a tolerance; thresholds come in the right order for
 * the direction) are checked together, so every problem shows at once, each next to its field.
 */

/** A number as people type it: "7.8", "7.8%", "£8.50", "112,000" (commas only between thousands). */
export function parseMeasureNumber(value: string | undefined): number | null {
  if (value === undefined) return null;
  const bare = value.trim().replace(/^(-?)£\s*/, "$1").replace(/\s*%$/, "");
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(bare)) return null;
  const n = Number(bare.replaceAll(",", ""));
  return Number.isFinite(n) ? n : null;
}

const optionalText = z.string().trim().optional();
const dateInput = z.object({ day: optionalText, month: optionalText, year: optionalText }).optional();
type DateInput = z.infer<typeof dateInput>;

const listed = (words: string[]) => (words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words.at(-1)}` : words[0]);

/** A date input's parts as one date, "missing", or a message saying what is wrong. */
function readDate(parts: DateInput, what: string): { date: string } | { missing: true } | { problem: string } {
  const { day, month, year } = parts ?? {};
  if (!day && !month && !year) return { missing: true };
  const absent = [!day && "day", !month && "month", !year && "year"].filter((w): w is string => Boolean(w));
  if (absent.length) return { problem: `The ${what} must include a ${listed(absent)}` };
  const iso = `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
  if (!/^\d{1,2}$/.test(day!) || !/^\d{1,2}$/.test(month!) || !/^\d{4}$/.test(year!) || !isRealDate(iso)) {
    return { problem: `The ${what} must be a real date, for example 31 3 2028` };
  }
  return { date: iso };
}

/** The choices the form offered: links must be among them. */
export type MeasureFormChoices = { priorityIds: string[]; commitmentIds: string[] };

/** The answers as typed; every rule is checked in measureSchema. */
const measureAnswers = z.object({
  name: z.string().trim().max(200, "The name must be 200 characters or fewer").optional(),
  definition: z.string().trim().max(4000, "The definition must be 4,000 characters or fewer").optional(),
  kind: optionalText,
  unit: optionalText,
  direction: optionalText,
  baselineValue: optionalText,
  baselineDate: dateInput,
  baselineSource: z.string().trim().max(300, "The source of the baseline must be 300 characters or fewer").optional(),
  targetValue: optionalText,
  targetDate: dateInput,
  targetIsExample: z.boolean().optional(),
  frequency: optionalText,
  dataSource: optionalText,
  dataSourceDetail: z.string().trim().max(300, "The details of the data source must be 300 characters or fewer").optional(),
  ragMethod: optionalText,
  tolerance: optionalText,
  onTrackThreshold: optionalText,
  offTrackThreshold: optionalText,
  priorityIds: z.array(z.string()).optional(),
  commitmentIds: z.array(z.string()).optional(),
});
type Answers = z.infer<typeof measureAnswers>;

export function measureSchema({ priorityIds, commitmentIds }: MeasureFormChoices) {
  return measureAnswers
    // Choices and required answers are checked here, not by each field's schema: a field's own
    // failure would stop these checks, and the person would meet the problems one at a time.
    .superRefine((v: Answers, ctx) => {
      const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      const choice = <T extends string>(field: keyof typeof v, options: readonly T[], missing: string, unknown: string) => {
        const value = v[field];
        if (!value) problem(field, missing);
        else if (!(options as readonly string[]).includes(value as string)) problem(field, unknown);
      };

      if (!v.name) problem("name", "Enter the name of the measure");
      else if (v.name.length < 3) problem("name", "The name must be 3 characters or more");
      choice("kind", MEASURE_KINDS, "Select whether the measure is a number or a milestone", "Select whether the measure is a number or a milestone");
      choice("frequency", MEASURE_FREQUENCIES, "Select how often the measure is reported", "Select how often the measure is reported from the list");
      choice("dataSource", MEASURE_DATA_SOURCES, "Select where the data comes from", "Select a data source from the list");

      if ((v.priorityIds ?? []).some((id) => !priorityIds.includes(id))) problem("priorityIds", "Select priorities from the list");
      if ((v.commitmentIds ?? []).some((id) => !commitmentIds.includes(id))) problem("commitmentIds", "Select commitments from the list");
      if (!v.priorityIds?.length && !v.commitmentIds?.length) {
        problem("priorityIds", "Select at least one priority or commitment that this measure shows progress on");
      }

      const baselineDate = readDate(v.baselineDate, "baseline date");
      const targetDate = readDate(v.targetDate, v.kind === "qualitative" ? "milestone date" : "target date");
      if ("problem" in targetDate) problem("targetDate", targetDate.problem);
      if (v.kind !== "quantitative") return;

      choice("unit", MEASURE_UNITS, "Select the unit", "Select the unit from the list");
      choice("direction", MEASURE_DIRECTIONS, "Select whether higher or lower is better", "Select whether higher or lower is better");
      if ("problem" in baselineDate) problem("baselineDate", baselineDate.problem);
      if ("missing" in baselineDate) problem("baselineDate", "Enter the date of the baseline");
      if ("missing" in targetDate) problem("targetDate", "Enter the target date");
      if ("date" in baselineDate && "date" in targetDate && targetDate.date <= baselineDate.date) {
        problem("targetDate", "The target date must be after the baseline date");
      }
      if (!v.baselineSource) problem("baselineSource", "Enter where the baseline comes from");
      else if (v.baselineSource.length < 2) problem("baselineSource", "The source of the baseline must be 2 characters or more");

      const number = (field: "baselineValue" | "targetValue" | "tolerance" | "onTrackThreshold" | "offTrackThreshold", words: { missing: string; name: string }) => {
        const raw = v[field];
        if (!raw) {
          problem(field, words.missing);
          return null;
        }
        const n = parseMeasureNumber(raw);
        if (n === null) {
          problem(field, `${words.name} must be a number, for example ${v.unit === "pounds" ? "8.50" : "7.8"}`);
          return null;
        }
        if (v.unit === "percentage" && field !== "tolerance" && (n < 0 || n > 100)) {
          problem(field, `${words.name} must be between 0% and 100%`);
          return null;
        }
        return n;
      };
      const baseline = number("baselineValue", { missing: "Enter the baseline value", name: "The baseline" });
      const target = number("targetValue", { missing: "Enter the target value", name: "The target" });
      if (baseline !== null && target !== null && v.direction) {
        if (v.direction === "lower_is_better" && target > baseline) {
          problem("targetValue", "Lower is better, so the target cannot be higher than the baseline");
        }
        if (v.direction === "higher_is_better" && target < baseline) {
          problem("targetValue", "Higher is better, so the target cannot be lower than the baseline");
        }
      }

      if (!v.ragMethod || !(QUANTITATIVE_RAG_METHODS as readonly string[]).includes(v.ragMethod)) {
        problem("ragMethod", "Select how the status is worked out");
      } else if (v.ragMethod === "trajectory") {
        const tolerance = number("tolerance", { missing: "Enter the tolerance, or 0 to allow none", name: "The tolerance" });
        if (tolerance !== null && tolerance < 0) problem("tolerance", "The tolerance must be 0 or more");
      } else {
        const onTrack = number("onTrackThreshold", { missing: "Enter the on-track threshold", name: "The on-track threshold" });
        const offTrack = number("offTrackThreshold", { missing: "Enter the off-track threshold", name: "The off-track threshold" });
        if (onTrack !== null && offTrack !== null && v.direction) {
          if (v.direction === "higher_is_better" && onTrack <= offTrack) {
            problem("onTrackThreshold", "Higher is better, so the on-track threshold must be higher than the off-track threshold");
          }
          if (v.direction === "lower_is_better" && onTrack >= offTrack) {
            problem("onTrackThreshold", "Lower is better, so the on-track threshold must be lower than the off-track threshold");
          }
        }
      }
    })
    .transform((v) => ({ details: measureDetailsOf(v), links: { priorityIds: v.priorityIds ?? [], commitmentIds: v.commitmentIds ?? [] } }));
}

export type MeasureForm = z.input<ReturnType<typeof measureSchema>>;

/** A measure's details as the form's answers give them (only called once the rules above hold). */
export type MeasureFormDetails = {
  name: string;
  definition: string;
  kind: MeasureKind;
  unit: MeasureUnit | null;
  direction: MeasureDirection | null;
  baselineValue: number | null;
  baselineDate: string | null;
  baselineSource: string | null;
  targetValue: number | null;
  targetDate: string | null;
  targetIsExample: boolean;
  frequency: MeasureFrequency;
  dataSource: MeasureDataSource;
  dataSourceDetail: string;
  ragMethod: RagMethod;
  tolerance: number | null;
  onTrackThreshold: number | null;
  offTrackThreshold: number | null;
};

/**
 * A qualitative measure keeps only its milestone date: whatever was typed into the number
 * fields belongs to a quantitative measure and is left out.
 */
function measureDetailsOf(v: Answers): MeasureFormDetails {
  const date = (parts: DateInput, what: string) => {
    const read = readDate(parts, what);
    return "date" in read ? read.date : null;
  };
  const common = {
    name: v.name?.trim() ?? "",
    definition: v.definition?.trim() ?? "",
    kind: v.kind as MeasureKind,
    targetIsExample: v.targetIsExample ?? false,
    frequency: v.frequency as MeasureFrequency,
    dataSource: v.dataSource as MeasureDataSource,
    dataSourceDetail: v.dataSourceDetail?.trim() ?? "",
    targetDate: date(v.targetDate, "target date"),
  };
  if (v.kind === "qualitative") {
    return {
      ...common,
      unit: null,
      direction: null,
      baselineValue: null,
      baselineDate: null,
      baselineSource: null,
      targetValue: null,
      ragMethod: "judgement",
      tolerance: null,
      onTrackThreshold: null,
      offTrackThreshold: null,
    };
  }
  const method = v.ragMethod as "trajectory" | "thresholds";
  return {
    ...common,
    unit: (v.unit as MeasureUnit | undefined) ?? null,
    direction: (v.direction as MeasureDirection | undefined) ?? null,
    baselineValue: parseMeasureNumber(v.baselineValue),
    baselineDate: date(v.baselineDate, "baseline date"),
    baselineSource: v.baselineSource?.trim() || null,
    targetValue: parseMeasureNumber(v.targetValue),
    ragMethod: method,
    tolerance: method === "trajectory" ? parseMeasureNumber(v.tolerance) : null,
    onTrackThreshold: method === "thresholds" ? parseMeasureNumber(v.onTrackThreshold) : null,
    offTrackThreshold: method === "thresholds" ? parseMeasureNumber(v.offTrackThreshold) : null,
  };
}

/** A stored date ("2028-03-31") as the date input's three parts. */
const dateInputOf = (iso: string | null) => {
  if (!iso) return undefined;
  const [year, month, day] = iso.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
};

/** A number as the form shows it to be changed: as typed, without grouping ("112000", "8.5"). */
const numberText = (n: number | null) => (n === null ? undefined : String(n));

/** A saved measure as the edit form's starting answers. */
export function measureFormValues(
  measure: MeasureFormDetails,
  links: { priorityIds: string[]; commitmentIds: string[] },
): MeasureForm {
  return {
    name: measure.name,
    definition: measure.definition,
    kind: measure.kind,
    unit: measure.unit ?? undefined,
    direction: measure.direction ?? undefined,
    baselineValue: numberText(measure.baselineValue),
    baselineDate: dateInputOf(measure.baselineDate),
    baselineSource: measure.baselineSource ?? undefined,
    targetValue: numberText(measure.targetValue),
    targetDate: dateInputOf(measure.targetDate),
    targetIsExample: measure.targetIsExample,
    frequency: measure.frequency,
    dataSource: measure.dataSource,
    dataSourceDetail: measure.dataSourceDetail,
    ragMethod: measure.ragMethod === "judgement" ? undefined : measure.ragMethod,
    tolerance: numberText(measure.tolerance),
    onTrackThreshold: numberText(measure.onTrackThreshold),
    offTrackThreshold: numberText(measure.offTrackThreshold),
    priorityIds: links.priorityIds,
    commitmentIds: links.commitmentIds,
  };
}
