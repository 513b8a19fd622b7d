import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/strategies.$strategyId.statements.$statementId";

/** The id Remix gives the statement layout route (its file name under routes/). */
export const STATEMENT_LAYOUT_ROUTE_ID = "routes/strategies.$strategyId.statements.$statementId";

/**
 * The statement layout's loader data (the statement, the strategy, what the person may do), for
 * the tabs rendered inside it: Text, Discussion, Versions, Agreement, Easy read, Links and details.
 */
export function useStatementLayoutData() {
  const data = useRouteLoaderData<typeof loader>(STATEMENT_LAYOUT_ROUTE_ID);
  if (!data) throw new Error("useStatementLayoutData is for routes inside the statement layout");
  return data;
}
