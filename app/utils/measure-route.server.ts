import { databaseErrorCode } from "./db-errors.server";

/**
 * What to tell the person when the database refuses a measure the form accepted: a link to
 * something that has gone from the strategy (23503), or a rule the form did not catch (23514).
 * Undefined for any other error, which the action lets through.
 */
export function measureSaveProblem(error: unknown): string | undefined {
  switch (databaseErrorCode(error)) {
    case "23503":
      return "A priority or commitment you selected is no longer part of this strategy. Check what the measure shows progress on and save again.";
    case "23514":
      return "The measure could not be saved as it is. Check the baseline, target and how the status is worked out, and save again.";
    default:
      return undefined;
  }
}
