/**
 * Changes to a strategy's structure: its priorities and their commitments. Each function runs
 * inside the caller's transaction (one per request), after the route has authorised the person
 * with authorize(actor, "edit_structure", strategy); Row Level Security refuses the same writes
 * to anyone else. The audit log records every row these change, by database trigger.
 *
 * Order: positions are unique and dense among all of a parent's children, archived ones
 * included, so an archived item keeps its place and returns to it when restored. Moving up or
 * down swaps places with the nearest current (not archived) sibling.
 */
import type { Tx } from "~/platform/db.server";
import {
  findPriorityNeighbour,
  getPriority,
  insertPriority,
  lockPriorityOrder,
  nextPriorityPosition,
  setPriorityArchived,
  setPriorityPosition,
  updatePriorityDetails,
  type PriorityDetails,
} from "~/models/priorities.server";
import {
  closeCommitmentGap,
  findCommitmentNeighbour,
  getCommitment,
  insertCommitment,
  lockCommitmentOrder,
  nextCommitmentPosition,
  setCommitmentArchived,
  setCommitmentPosition,
  updateCommitmentDetails,
  type CommitmentDetails,
} from "~/models/commitments.server";

export type MoveDirection = "up" | "down";

/** "moved"; "at_end" when there is no current sibling that way (or the item is archived); "not_found". */
export type MoveOutcome = "moved" | "at_end" | "not_found";

/** Adds a priority after the strategy's last one; returns its id. */
export async function addPriority(tx: Tx, userId: string, strategyId: string, details: PriorityDetails): Promise<string> {
  await lockPriorityOrder(tx, strategyId);
  const position = await nextPriorityPosition(tx, strategyId);
  return insertPriority(tx, { ...details, strategyId, position, createdBy: userId });
}

/** Changes a priority's title, summary and current context. False when there is no such priority. */
export function updatePriority(tx: Tx, strategyId: string, priorityId: string, details: PriorityDetails): Promise<boolean> {
  return updatePriorityDetails(tx, strategyId, priorityId, details);
}

/** Archives a priority: it leaves the strategy's list but keeps its place and its commitments. */
export function archivePriority(tx: Tx, strategyId: string, priorityId: string): Promise<boolean> {
  return setPriorityArchived(tx, strategyId, priorityId, true);
}

/** Restores an archived priority to its old place. */
export function restorePriority(tx: Tx, strategyId: string, priorityId: string): Promise<boolean> {
  return setPriorityArchived(tx, strategyId, priorityId, false);
}

/** Swaps a current priority with its nearest current neighbour above or below. */
export async function movePriority(
  tx: Tx,
  strategyId: string,
  priorityId: string,
  direction: MoveDirection,
): Promise<MoveOutcome> {
  await lockPriorityOrder(tx, strategyId);
  const priority = await getPriority(tx, strategyId, priorityId);
  if (!priority) return "not_found";
  if (priority.archivedAt) return "at_end";
  const neighbour = await findPriorityNeighbour(tx, strategyId, priority.position, direction);
  if (!neighbour) return "at_end";
  if (!(await setPriorityPosition(tx, priority.id, neighbour.position))) return "not_found";
  await setPriorityPosition(tx, neighbour.id, priority.position);
  return "moved";
}

/** Adds a commitment after the priority's last one; returns its id. */
export async function addCommitment(
  tx: Tx,
  userId: string,
  strategyId: string,
  priorityId: string,
  details: CommitmentDetails,
): Promise<string> {
  await lockCommitmentOrder(tx, priorityId);
  const position = await nextCommitmentPosition(tx, priorityId);
  return insertCommitment(tx, { ...details, strategyId, priorityId, position, createdBy: userId });
}

/**
 * Changes a commitment. Given another priority, the commitment moves there and goes last, and
 * the commitments after it in its old priority close up. False when there is no such commitment.
 */
export async function updateCommitment(
  tx: Tx,
  strategyId: string,
  commitmentId: string,
  details: CommitmentDetails & { priorityId: string },
): Promise<boolean> {
  const before = await getCommitment(tx, strategyId, commitmentId);
  if (!before) return false;
  // The same parties in another order are no change, and the history should not show one.
  if (sameMembers(before.responsibleParties, details.responsibleParties)) {
    details = { ...details, responsibleParties: before.responsibleParties };
  }
  if (before.priorityId === details.priorityId) {
    return updateCommitmentDetails(tx, strategyId, commitmentId, { ...details, position: null });
  }
  // Lock both priorities' order in a fixed sequence, so two opposite moves cannot deadlock.
  for (const id of [before.priorityId, details.priorityId].sort()) await lockCommitmentOrder(tx, id);
  const current = await getCommitment(tx, strategyId, commitmentId);
  if (!current) return false;
  const position = await nextCommitmentPosition(tx, details.priorityId);
  if (!(await updateCommitmentDetails(tx, strategyId, commitmentId, { ...details, position }))) return false;
  await closeCommitmentGap(tx, current.priorityId, current.position);
  return true;
}

/** Archives a commitment: it leaves its priority's list but keeps its place. */
export function archiveCommitment(tx: Tx, strategyId: string, commitmentId: string): Promise<boolean> {
  return setCommitmentArchived(tx, strategyId, commitmentId, true);
}

/** Restores an archived commitment to its old place. */
export function restoreCommitment(tx: Tx, strategyId: string, commitmentId: string): Promise<boolean> {
  return setCommitmentArchived(tx, strategyId, commitmentId, false);
}

/** Swaps a current commitment with its nearest current neighbour above or below in its priority. */
export async function moveCommitment(
  tx: Tx,
  strategyId: string,
  commitmentId: string,
  direction: MoveDirection,
): Promise<MoveOutcome> {
  const found = await getCommitment(tx, strategyId, commitmentId);
  if (!found) return "not_found";
  await lockCommitmentOrder(tx, found.priorityId);
  const commitment = await getCommitment(tx, strategyId, commitmentId);
  if (!commitment) return "not_found";
  if (commitment.archivedAt) return "at_end";
  const neighbour = await findCommitmentNeighbour(tx, commitment.priorityId, commitment.position, direction);
  if (!neighbour) return "at_end";
  if (!(await setCommitmentPosition(tx, commitment.id, neighbour.position))) return "not_found";
  await setCommitmentPosition(tx, neighbour.id, commitment.position);
  return "moved";
}

const sameMembers = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
