import { statementFilterSchema } from "~/domain/statement-form";
import type { StatementFilter } from "~/models/statements.server";

/**
 * The statements list's filters from its address. Here, not in the route, so the browser's copy
 * of the list page does not carry the form library for a loader it never runs.
 */
export function readStatementFilter(url: URL): StatementFilter & { archived: boolean } {
  return statementFilterSchema.parse(Object.fromEntries(url.searchParams));
}
