import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary, FormActions, TextareaField } from "~/components/forms";
import { StatementDetailsFields } from "~/components/statement-fields";
import { newStatementSchema as schema } from "~/domain/statement-form";
import { authorize } from "~/policies/strategy";
import { createStatement, writeFirstDraft } from "~/services/statements.server";
import { requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction = () => pageTitle("Create a statement");

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "write_statements", strategy);
    return { strategyId: strategy.id };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await request.formData();
  const created = await withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "write_statements", strategy);
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return { result: submission.reply() };
    const { firstDraft, ...details } = submission.value;
    const statementId = await createStatement(tx, user.id, strategy.id, details);
    return { strategyId: strategy.id, statementId, firstDraft };
  });
  if ("result" in created) return data(created, { status: 400 });
  // After the statement exists (committed as the person), its first draft becomes its text.
  if (created.firstDraft) {
    await writeFirstDraft(context.platform.db, { ...created, userId: user.id, text: created.firstDraft });
  }
  return redirect(`/strategies/${created.strategyId}/statements/${created.statementId}?done=created`);
}

export default function NewStatement() {
  const { strategyId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof schema>>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
  });
  const list = `/strategies/${strategyId}/statements`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Breadcrumbs items={[{ to: list, label: "Statements" }]} />
        <ErrorSummary form={form} fields={fields} />
        <h1 className="govuk-heading-l">Create a statement</h1>
        <p className="govuk-body">
          You can write the text now or afterwards. Other members can write it with you, at the same time, once the statement is
          created.
        </p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <StatementDetailsFields fields={fields} />
          <TextareaField
            field={fields.firstDraft}
            label="First draft of the text (optional)"
            hint="Plain words are fine. Leave a blank line between paragraphs. You can add headings, lists and links in the editor afterwards."
            rows={8}
          />
          <FormActions submitLabel="Create statement" cancelTo={list} />
        </Form>
      </div>
    </div>
  );
}
