/**
 * Publishing a version of a strategy: the snapshot and, in the same transaction, the strategy's
 * status. Whether every commitment is agreed is decided by the database at the moment of
 * publishing (it locks the strategy and applies app.commitment_is_signed_off), not by the page
 * the facilitator read a minute earlier.
 */
import type { Tx } from "~/platform/db.server";
import { insertPublication } from "~/models/publications.server";
import { getStrategy, updateStrategy } from "~/models/strategies.server";
import { databaseErrorCode } from "~/utils/db-errors.server";

/** Runs a function in one transaction as the person acting (withDb), so RLS decides. */
type AsUser = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

// app.strategy_publication_bookkeeping: not every commitment is agreed and no reason was given.
const REASON_REQUIRED = "23514";

export type PublishOutcome = { outcome: "published"; number: number } | { outcome: "reason_required" };

/**
 * Publishes the strategy's next version (with the reason for publishing anyway, when given) and
 * marks a draft or in-consultation strategy as published. "reason_required" when not every
 * commitment is agreed now and there is no reason: a commitment may have changed since the page
 * was read.
 */
export async function publishStrategy(
  asUser: AsUser,
  { strategyId, overrideReason }: { strategyId: string; overrideReason: string | null },
): Promise<PublishOutcome> {
  try {
    return await asUser(async (tx) => {
      const number = await insertPublication(tx, strategyId, overrideReason);
      const strategy = await getStrategy(tx, strategyId);
      if (strategy && (strategy.status === "draft" || strategy.status === "consultation")) {
        await updateStrategy(tx, strategyId, { ...strategy, status: "published" });
      }
      return { outcome: "published" as const, number };
    });
  } catch (error) {
    if (databaseErrorCode(error) === REASON_REQUIRED && !overrideReason) return { outcome: "reason_required" };
    throw error;
  }
}
