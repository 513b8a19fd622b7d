import { z } from "zod";
import type { CategoryCount } from "./evidence";
import type { Judgement, MeasureDirection, MeasureKind, MeasureStatusRow, MeasureUnit, RagStatus } from "./measures";
import { ragStatusLabels } from "./measures";
import { RESPONSIBLE_PARTIES, type ResponsibleParty } from "./responsible-parties";
import type { RoleGroup } from "./statements";

/**
 * The assurance dashboard: what it shows of each priority, its filter, and the one rule for a
 * priority's overall status. Browser-safe; the numbers are counted in SQL
 * (supabase/migrations/20261129000610_dashboard.sql) and only put into words here.
 */

/** The dashboard's filter; anything not offered is ignored rather than refused, as with any GET filter. */
export const dashboardFilterSchema = z.object({
  party: z.enum(RESPONSIBLE_PARTIES).optional().catch(undefined),
});
export type DashboardFilter = { party?: ResponsibleParty };

/** The filter from the page's address. */
export const readDashboardFilter = (url: URL): DashboardFilter => dashboardFilterSchema.parse(Object.fromEntries(url.searchParams));

/** One verified value (or milestone judgement) of a measure's recent trend. */
export type DashboardDataPoint = {
  id: string;
  periodStart: string | null;
  periodEnd: string;
  value: number | null;
  judgement: Judgement | null;
  source: string;
};

/** A measure as a priority's card shows it: its status and its latest verified values. */
export type DashboardMeasure = {
  id: string;
  name: string;
  kind: MeasureKind;
  unit: MeasureUnit | null;
  direction: MeasureDirection | null;
  baselineValue: number | null;
  baselineDate: string | null;
  baselineSource: string | null;
  targetValue: number | null;
  targetDate: string | null;
  targetIsExample: boolean;
  tolerance: number | null;
  onTrackThreshold: number | null;
  offTrackThreshold: number | null;
  rag: MeasureStatusRow;
  /** The last verified values, at most DASHBOARD_TREND_POINTS, oldest first. */
  points: DashboardDataPoint[];
};

/** How many verified values a card's small chart shows of each measure. */
export const DASHBOARD_TREND_POINTS = 12;

/** Who shaped a priority's statements, per role group (as the statements pages count it for one statement). */
export type DashboardBalanceRow = {
  roleGroup: RoleGroup;
  charsAdded: number;
  /** The group's percentage of all characters written (0 to 100). */
  textShare: number;
  edits: number;
  comments: number;
  endorsements: number;
};

/** A priority's overall status and why, in words. */
export type OverallStatus = { status: RagStatus; reason: string };

export type DashboardPriority = {
  id: string;
  /** Its place among the strategy's current priorities. */
  number: number;
  title: string;
  measures: DashboardMeasure[];
  /** How many of its measures are in each status. */
  measureCounts: Record<RagStatus, number>;
  overall: OverallStatus;
  /** Current commitments: agreed, with an organisation still to decide, with an objection. */
  commitments: { total: number; agreed: number; waiting: number; objected: number };
  /** Current statements linked to the priority, and how many are agreed (or published). */
  statements: { total: number; agreed: number };
  balance: DashboardBalanceRow[];
  /** Its evidence by category (verified and not yet), as the priority's page counts it. */
  triangulation: CategoryCount[];
};

export type Dashboard = {
  strategyId: string;
  filter: DashboardFilter;
  priorities: DashboardPriority[];
};

const ORDER: RagStatus[] = ["off_track", "at_risk", "on_track"];

const measuresWord = (n: number) => (n === 1 ? "measure" : "measures");

/** "Vacancy rate", "Vacancy rate and Pay", "Vacancy rate, Pay and Turnover". */
function listWords(names: string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
}

/**
 * A priority's overall status, the one rule: off track if any of its measures is off track, else
 * at risk if any is at risk, else on track if any is on track, else no data yet. The reason names
 * the measures that decided it: "1 of 3 measures is off track: Vacancy rate".
 */
export function overallStatus(measures: readonly { name: string; status: RagStatus }[]): OverallStatus {
  if (measures.length === 0) return { status: "no_data", reason: "No measures show progress on this priority yet." };
  const total = measures.length;
  for (const status of ORDER) {
    const deciding = measures.filter((m) => m.status === status);
    if (deciding.length === 0) continue;
    const verb = deciding.length === 1 ? "is" : "are";
    const label = ragStatusLabels[status].toLowerCase();
    return {
      status,
      reason: `${deciding.length} of ${total} ${measuresWord(total)} ${verb} ${label}: ${listWords(deciding.map((m) => m.name))}`,
    };
  }
  return {
    status: "no_data",
    reason: total === 1 ? "Its measure has no verified data yet." : `None of its ${total} measures has verified data yet.`,
  };
}

/** Zero of each status, for counting into. */
export const noMeasureCounts = (): Record<RagStatus, number> => ({ on_track: 0, at_risk: 0, off_track: 0, no_data: 0 });

/** "3 of 5 statements agreed". */
export function statementsAgreedSummary({ total, agreed }: { total: number; agreed: number }): string {
  if (total === 0) return "No statements are linked to this priority yet.";
  return `${agreed} of ${total} ${total === 1 ? "statement" : "statements"} agreed`;
}
