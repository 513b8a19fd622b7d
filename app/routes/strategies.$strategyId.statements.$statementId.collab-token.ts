import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/policies/strategy";
import { withDb } from "~/utils/http.server";
import { loadStatementFor } from "~/utils/statement-route.server";

/**
 * A short-lived token for the statement's live document, and where to connect. The editor's
 * provider asks for one on every (re)connect. Only members get one: the live document shares
 * members' names and roles; everyone else reads the server-rendered text. What a member may do
 * once connected is decided again by the collaboration server from the database.
 */
export async function loader({ context, params }: LoaderFunctionArgs) {
  let statementId;
  try {
    const loaded = await withDb(context, (tx) => loadStatementFor(tx, context, params));
    authorize(loaded.actor, "collaborate", loaded.strategy);
    statementId = loaded.statement.id;
  } catch (error) {
    // A private strategy's statement does not exist for a visitor: ask them to sign in.
    if (error instanceof Response && error.status === 404 && !context.user) {
      return json({ error: "Sign in to open this statement." }, { status: 401, headers: noStore });
    }
    throw error;
  }
  const user = context.user ? { id: context.user.id, email: context.user.email } : null;
  const token = await context.platform.collab.issueToken(user, statementId);
  return json({ token, url: collabUrl(context.platform.config.appOrigin) }, { headers: noStore });
}

const noStore = { "Cache-Control": "no-store" };

/** The WebSocket address of the collaboration server on the app's own origin. */
function collabUrl(appOrigin: string) {
  const url = new URL("/collab", appOrigin);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}
