import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { SuccessBanner } from "~/components/banner";
import { ColumnHeadings } from "~/components/column-headings";
import { ErrorSummary, TextField } from "~/components/forms";
import { CompareVersionsForm } from "~/components/statement-versions";
import { statementDoneMessages } from "~/domain/statement-workflow";
import { listVersions } from "~/models/statement-versions.server";
import { authorizeStatementChange, canSaveVersion } from "~/policies/statement";
import { authorize } from "~/policies/strategy";
import { saveStatementVersion } from "~/services/statement-versions.server";
import { formatDateTime } from "~/utils/dates";
import { requireId, requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStatementFor } from "~/utils/statement-route.server";
import { workflowFor } from "~/utils/statement-workflow.server";

const schema = z.object({
  name: z
    .string({ message: "Enter a name for this version" })
    .trim()
    .min(1, "Enter a name for this version")
    .max(120, "The name must be 120 characters or fewer"),
});

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Versions – ${data.statement.title}` : "Versions");

export async function loader({ context, params }: LoaderFunctionArgs) {
  // Which version matches the current text is judged against the live text: store it first.
  await context.platform.collab.flush(requireId(params.statementId));
  return withDb(context, async (tx) => {
    const { strategy, can, statement } = await loadStatementFor(tx, context, params);
    const versions = await listVersions(tx, statement.id);
    return {
      path: `/strategies/${strategy.id}/statements/${statement.id}/versions`,
      statement: { id: statement.id, title: statement.title, contentHash: statement.contentHash },
      canSave: canSaveVersion(can, statement),
      versions,
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { strategyId, statementId } = await withDb(context, async (tx) => {
    const { strategy, actor, can, statement } = await loadStatementFor(tx, context, params);
    authorize(actor, "write_statements", strategy);
    authorizeStatementChange(canSaveVersion(can, statement), "Restore the statement before saving a version of it.");
    return { strategyId: strategy.id, statementId: statement.id };
  });
  const { asUser, collab } = workflowFor(context);
  await saveStatementVersion(asUser, collab, statementId, submission.value.name);
  return redirect(`/strategies/${strategyId}/statements/${statementId}/versions?done=version-saved`);
}

export default function StatementVersions() {
  const { path, statement, canSave, versions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = statementDoneMessages[params.get("done") ?? ""];
  const [form, fields] = useForm<z.input<typeof schema>>({
    // A new id once a version is saved empties the form (conform keeps state per id).
    id: `save-version-${versions.length}`,
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
  });
  return (
    <>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {done && !actionData ? <SuccessBanner>{done}</SuccessBanner> : null}
          <ErrorSummary form={form} fields={fields} />
          <h2 className="govuk-heading-m">Versions</h2>
          <p className="govuk-body">
            A version is a copy of the text at a moment someone chose to keep. Versions are never changed or deleted: restoring
            an old one makes its text the current text again, as a new change.
          </p>
          {canSave ? (
            <Form method="post" {...getFormProps(form)} noValidate className="govuk-!-margin-bottom-6">
              <TextField
                field={fields.name}
                label="Save the current text as a version"
                hint="Give it a name people will recognise, for example “After the March workshop”."
              />
              <button type="submit" className="govuk-button" data-module="govuk-button">
                Save version
              </button>
            </Form>
          ) : null}
        </div>
      </div>
      {versions.length ? (
        <>
          <div className="app-table-scroll" role="region" aria-label="Saved versions" tabIndex={0}>
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--s">Saved versions, newest first</caption>
              <ColumnHeadings labels={["Version", "Name", "Saved by", "Saved"]} actions />
              <tbody className="govuk-table__body">
                {versions.map((v) => (
                  <tr className="govuk-table__row" key={v.id}>
                    <td className="govuk-table__cell">
                      <span className="app-nowrap">Version {v.number}</span>
                      {v.contentHash === statement.contentHash ? (
                        <>
                          <br />
                          <strong className="govuk-tag govuk-tag--green govuk-!-margin-top-1">Same as the current text</strong>
                        </>
                      ) : null}
                    </td>
                    <td className="govuk-table__cell">{v.name}</td>
                    <td className="govuk-table__cell">{v.authorName}</td>
                    <td className="govuk-table__cell">
                      <time dateTime={new Date(v.createdAt).toISOString()}>{formatDateTime(v.createdAt)}</time>
                    </td>
                    <td className="govuk-table__cell">
                      <ul className="govuk-list app-nowrap govuk-!-margin-bottom-0">
                        <li>
                          <Link className="govuk-link" to={`${path}/${v.id}`}>
                            View<span className="govuk-visually-hidden"> version {v.number}</span>
                          </Link>
                        </li>
                        {v.contentHash !== statement.contentHash ? (
                          <li>
                            <Link className="govuk-link" to={`${path}/compare?from=${v.id}&to=current`}>
                              Compare with current text<span className="govuk-visually-hidden"> (version {v.number})</span>
                            </Link>
                          </li>
                        ) : null}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <CompareVersionsForm action={`${path}/compare`} versions={versions} from={versions[0].id} to="current" />
            </div>
          </div>
        </>
      ) : (
        <p className="govuk-body">No versions have been saved yet.</p>
      )}
    </>
  );
}
