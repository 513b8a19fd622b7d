import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { SuccessBanner } from "~/components/banner";
import { ErrorSummary, TextareaField } from "~/components/forms";
import { statementDoneMessages } from "~/domain/statement-workflow";
import { getEasyReadEdit, updateEasyRead } from "~/models/statements.server";
import { authorizeStatementChange, canEditEasyRead } from "~/policies/statement";
import { authorize } from "~/policies/strategy";
import { formatDateTime } from "~/utils/dates";
import { notFound, requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStatementFor } from "~/utils/statement-route.server";

const schema = z.object({
  easyRead: z.string().trim().max(4000, "The summary must be 4,000 characters or fewer").default(""),
});

const UNCHANGED =
  "The summary is unchanged, so it is still marked as possibly out of date. Change it so it fits the statement's current text";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Easy read – ${data.statement.title}` : "Easy read");

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { can, statement } = await loadStatementFor(tx, context, params);
    const lastEdit = await getEasyReadEdit(tx, statement.id);
    return {
      statement: { id: statement.id, title: statement.title, easyRead: statement.easyRead, outOfDate: statement.easyReadOutOfDate },
      lastEdit,
      canEdit: canEditEasyRead(can, statement),
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  return withDb(context, async (tx) => {
    const { strategy, actor, can, statement } = await loadStatementFor(tx, context, params);
    authorize(actor, "write_statements", strategy);
    authorizeStatementChange(canEditEasyRead(can, statement), "Restore the statement before changing its summary.");
    // The summary is marked current again only when it is rewritten for the new text.
    if (statement.easyReadOutOfDate && submission.value.easyRead === statement.easyRead) {
      return data({ result: submission.reply({ fieldErrors: { easyRead: [UNCHANGED] } }) }, { status: 400 });
    }
    if (!(await updateEasyRead(tx, strategy.id, statement.id, submission.value.easyRead))) throw notFound("No such statement");
    return redirect(`/strategies/${strategy.id}/statements/${statement.id}/easy-read?done=easy-read-saved`);
  });
}

export default function StatementEasyRead() {
  const { statement, lastEdit, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = statementDoneMessages[params.get("done") ?? ""];
  const [form, fields] = useForm<z.input<typeof schema>>({
    // A new id once the summary is saved starts the form from the saved text (conform keeps state per id).
    id: `easy-read-${lastEdit ? new Date(lastEdit.updatedAt).getTime() : 0}`,
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
    defaultValue: { easyRead: statement.easyRead },
  });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {done && !actionData ? <SuccessBanner>{done}</SuccessBanner> : null}
        <ErrorSummary form={form} fields={fields} />
        <h2 className="govuk-heading-m">Easy read summary</h2>
        <p className="govuk-body">
          A short summary of the statement in plain words, for anyone who finds the full text hard to read.
        </p>
        {statement.outOfDate ? (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <div className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              This summary may be out of date: the statement changed after it was last edited.
            </div>
          </div>
        ) : null}
        {statement.easyRead ? (
          <section className="app-easy-read" aria-labelledby="easy-read-heading">
            <h3 className="govuk-heading-s" id="easy-read-heading">
              The summary
            </h3>
            <p className="govuk-body-l app-easy-read__text">{statement.easyRead}</p>
          </section>
        ) : (
          <p className="govuk-inset-text">No easy read summary has been written yet.</p>
        )}
        {lastEdit ? (
          <p className="govuk-body-s app-muted">
            Last changed by {lastEdit.updatedByName} on{" "}
            <time dateTime={new Date(lastEdit.updatedAt).toISOString()}>{formatDateTime(lastEdit.updatedAt)}</time>.
          </p>
        ) : null}
        {canEdit ? (
          <Form method="post" {...getFormProps(form)} noValidate className="govuk-!-margin-top-6">
            <TextareaField
              field={fields.easyRead}
              label={statement.easyRead ? "Change the summary" : "Write a summary"}
              hint="Use short sentences and everyday words. Up to 4,000 characters. Leave it empty to remove the summary."
              rows={8}
            />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Save summary
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}
