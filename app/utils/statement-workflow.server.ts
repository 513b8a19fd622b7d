import type { AppLoadContext } from "@remix-run/node";
import type { Tx } from "~/platform/db.server";
import type { StatementTextControl } from "~/services/statement-agreement.server";
import { withDb } from "./http.server";

/**
 * What the statement workflow services need from a request: transactions as the person acting,
 * and the collaboration server that holds the live text (stored before versions, endorsements and
 * agreement, so they are about what the editors see now).
 */
export function workflowFor(context: AppLoadContext): {
  asUser: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  collab: StatementTextControl;
} {
  return { asUser: (fn) => withDb(context, fn), collab: context.platform.collab };
}
