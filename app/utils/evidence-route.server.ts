import { shortText } from "~/components/commitment";
import { EVIDENCE_KINDS, type EvidenceKind } from "~/domain/evidence";
import { targetValue, type DataPointMeasure, type EvidenceTargetRef } from "~/domain/evidence-form";
import { listCommitmentsForStrategy } from "~/models/commitments.server";
import { listMeasures, type Measure } from "~/models/measures.server";
import { listPriorities } from "~/models/priorities.server";
import type { Tx } from "~/platform/db.server";

/**
 * What the evidence form offers as "what is it evidence for": the strategy's current measures,
 * priorities and their commitments, each named as people know it. The same list decides which
 * answers the form accepts.
 */
export async function loadEvidenceTargets(tx: Tx, strategyId: string) {
  const [measures, priorities, commitments] = await Promise.all([
    listMeasures(tx, strategyId),
    listPriorities(tx, strategyId),
    listCommitmentsForStrategy(tx, strategyId),
  ]);
  const options: { value: string; label: string }[] = [];
  for (const m of measures) options.push({ value: targetValue({ measureId: m.id }), label: `Measure: ${m.name}` });
  priorities.forEach((p, i) => {
    options.push({ value: targetValue({ priorityId: p.id }), label: `Priority ${i + 1}: ${p.title}` });
    commitments
      .filter((c) => c.priorityId === p.id)
      .forEach((c, j) => {
        options.push({ value: targetValue({ commitmentId: c.id }), label: `Priority ${i + 1}, commitment ${j + 1}: ${shortText(c.text, 90)}` });
      });
  });
  return { options, values: options.map((o) => o.value), measures };
}

/** What the data point form needs to know of its measure. */
export function dataPointMeasure(measure: Pick<Measure, "name" | "kind" | "unit">): DataPointMeasure {
  return { name: measure.name, kind: measure.kind, unit: measure.unit };
}

/** The target a link asked for (?measureId=, ?commitmentId=, ?priorityId=), if the form offers it. */
export function preselectedTarget(url: URL, values: readonly string[]): string | undefined {
  const asked: EvidenceTargetRef | undefined = url.searchParams.get("measureId")
    ? { measureId: url.searchParams.get("measureId")! }
    : url.searchParams.get("commitmentId")
      ? { commitmentId: url.searchParams.get("commitmentId")! }
      : url.searchParams.get("priorityId")
        ? { priorityId: url.searchParams.get("priorityId")! }
        : undefined;
  if (!asked) return undefined;
  const value = targetValue(asked);
  return values.includes(value) ? value : undefined;
}

/** Whether a query value names a kind of evidence. */
export function isEvidenceKind(value: string | null): value is EvidenceKind {
  return (EVIDENCE_KINDS as readonly (string | null)[]).includes(value);
}

const ukDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's date in the UK (YYYY-MM-DD): evidence may not be dated after it. */
export const todayInUk = (now = new Date()) => ukDate.format(now);
