import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { StatementBodyView } from "~/components/statement-body";
import { AllVersionsLink } from "~/components/statement-versions";
import { getVersion } from "~/models/statement-versions.server";
import { canSaveVersion } from "~/policies/statement";
import { authorize } from "~/policies/strategy";
import { restoreStatementVersion } from "~/services/statement-versions.server";
import { formatDateTime } from "~/utils/dates";
import { notFound, requireId, requireUser, withDb } from "~/utils/http.server";
import { readIntent } from "~/utils/intent.server";
import { pageTitle } from "~/utils/meta";
import { loadStatementFor } from "~/utils/statement-route.server";
import { workflowFor } from "~/utils/statement-workflow.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Version ${data.version.number}: ${data.version.name} – ${data.statement.title}` : "Version");

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy, can, statement, canEditText } = await loadStatementFor(tx, context, params);
    const version = await getVersion(tx, statement.id, requireId(params.versionId));
    if (!version) throw notFound("No such version");
    return {
      path: `/strategies/${strategy.id}/statements/${statement.id}/versions`,
      statement: { id: statement.id, title: statement.title, status: statement.status, archived: statement.archivedAt !== null },
      version,
      isCurrentText: version.contentHash === statement.contentHash,
      canRestore: canSaveVersion(can, statement) && canEditText,
      canWrite: can.canWriteStatements,
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  readIntent(await request.formData(), ["restore"] as const);
  const versionId = requireId(params.versionId);
  const { strategyId, statementId } = await withDb(context, async (tx) => {
    const { strategy, actor, can, statement, canEditText } = await loadStatementFor(tx, context, params);
    authorize(actor, "write_statements", strategy);
    if (!canSaveVersion(can, statement) || !canEditText) {
      throw new Response("The text of this statement cannot be changed now, so no version can be restored.", { status: 403 });
    }
    return { strategyId: strategy.id, statementId: statement.id };
  });
  const { asUser, collab } = workflowFor(context);
  const restored = await restoreStatementVersion(asUser, collab, { statementId, versionId, userId: user.id });
  if (!restored) throw notFound("No such version");
  return redirect(`/strategies/${strategyId}/statements/${statementId}/versions?done=restored`);
}

export default function StatementVersion() {
  const { path, statement, version, isCurrentText, canRestore, canWrite } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <AllVersionsLink to={path} />
        <h2 className="govuk-heading-m">
          Version {version.number}: {version.name}
        </h2>
        <p className="govuk-body">
          Saved by {version.authorName} on <time dateTime={new Date(version.createdAt).toISOString()}>{formatDateTime(version.createdAt)}</time>.
          {version.restoredFromNumber ? ` It restored the text of version ${version.restoredFromNumber}.` : ""}
        </p>
        {isCurrentText ? (
          <p className="govuk-inset-text">This is the same as the current text.</p>
        ) : (
          <p className="govuk-body">
            <Link className="govuk-link" to={`${path}/compare?from=${version.id}&to=current`}>
              Compare this version with the current text
            </Link>
          </p>
        )}
        <section className="app-statement-version" aria-labelledby="version-text-heading">
          <h3 className="govuk-heading-s" id="version-text-heading">
            The text of version {version.number}
          </h3>
          <StatementBodyView body={version.bodyJson} />
        </section>
        {!isCurrentText && canRestore ? (
          <Form method="post" className="govuk-!-margin-top-6">
            <p className="govuk-body">
              Restoring makes this text the current text again, as a new change that everyone editing sees. The text it replaces
              is kept as a version first, so nothing is lost.
            </p>
            <button type="submit" name="intent" value="restore" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Restore version {version.number}
            </button>
          </Form>
        ) : null}
        {!isCurrentText && !canRestore && canWrite && !statement.archived ? (
          <p className="govuk-inset-text">
            The statement is {statement.status === "published" ? "published" : "agreed"}, so its text cannot be changed. A facilitator
            can reopen it for review; then an old version can be restored.
          </p>
        ) : null}
      </div>
    </div>
  );
}
