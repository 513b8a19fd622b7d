/**
 * Defining and changing assurance measures. Each function runs inside the caller's transaction
 * (one per request), after the route has authorised the person with
 * authorize(actor, "define_measures", strategy); Row Level Security refuses the same writes to
 * anyone else. The audit log records the measure and each link added or removed, by trigger.
 */
import type { Tx } from "~/platform/db.server";
import {
  deleteMeasureLink,
  insertMeasure,
  insertMeasureLink,
  listMeasureLinkIds,
  setMeasureArchived,
  updateMeasureDetails,
  type MeasureDetails,
} from "~/models/measures.server";

/** What a measure shows progress on: commitments and priorities of its strategy. */
export type MeasureLinks = { commitmentIds: string[]; priorityIds: string[] };

/** Defines a measure and links it, together; returns its id. */
export async function createMeasure(tx: Tx, strategyId: string, details: MeasureDetails, links: MeasureLinks): Promise<string> {
  const measureId = await insertMeasure(tx, strategyId, details);
  await linkMeasure(tx, strategyId, measureId, links);
  return measureId;
}

/**
 * Changes a measure's details and what it is linked to, together: links no longer wanted are
 * removed, new ones added, the rest left alone (so the history shows only what changed). False
 * when there is no such measure.
 */
export async function updateMeasure(
  tx: Tx,
  strategyId: string,
  measureId: string,
  details: MeasureDetails,
  links: MeasureLinks,
): Promise<boolean> {
  if (!(await updateMeasureDetails(tx, strategyId, measureId, details))) return false;
  const current = await listMeasureLinkIds(tx, measureId);
  for (const commitmentId of current.commitmentIds.filter((id) => !links.commitmentIds.includes(id))) {
    await deleteMeasureLink(tx, { measureId, commitmentId });
  }
  for (const priorityId of current.priorityIds.filter((id) => !links.priorityIds.includes(id))) {
    await deleteMeasureLink(tx, { measureId, priorityId });
  }
  await linkMeasure(tx, strategyId, measureId, {
    commitmentIds: links.commitmentIds.filter((id) => !current.commitmentIds.includes(id)),
    priorityIds: links.priorityIds.filter((id) => !current.priorityIds.includes(id)),
  });
  return true;
}

async function linkMeasure(tx: Tx, strategyId: string, measureId: string, links: MeasureLinks) {
  for (const priorityId of new Set(links.priorityIds)) await insertMeasureLink(tx, { strategyId, measureId, priorityId });
  for (const commitmentId of new Set(links.commitmentIds)) await insertMeasureLink(tx, { strategyId, measureId, commitmentId });
}

/** Archives a measure: it leaves the lists, keeps its data and history, and can be restored. */
export function archiveMeasure(tx: Tx, strategyId: string, measureId: string): Promise<boolean> {
  return setMeasureArchived(tx, strategyId, measureId, true);
}

/** Restores an archived measure to the lists. */
export function restoreMeasure(tx: Tx, strategyId: string, measureId: string): Promise<boolean> {
  return setMeasureArchived(tx, strategyId, measureId, false);
}
