import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ChoiceField, ErrorSummary, TextareaField, TextField } from "~/components/forms";
import { StrategyScopeFields } from "~/components/strategy-fields";
import { strategyDetailsSchema } from "~/domain/strategy-form";
import { listVisibleStrategies } from "~/models/strategies.server";
import { startStrategy } from "~/services/strategies.server";
import { requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

const schema = strategyDetailsSchema.and(
  z.object({ startFrom: z.string({ message: "Select how to start the strategy" }).min(1, "Select how to start the strategy") }),
);

export const meta: MetaFunction = () => pageTitle("Start a new strategy");

async function loadChoices(context: LoaderFunctionArgs["context"]) {
  const strategies = await withDb(context, listVisibleStrategies);
  return {
    templates: strategies.map((s) => ({ id: s.id, title: s.title })),
    nationals: strategies.filter((s) => s.scope === "national").map((s) => ({ id: s.id, title: s.title })),
  };
}

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireUser(context, request);
  return loadChoices(context);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { templates } = await loadChoices(context);
  const submission = parseWithZod(await request.formData(), {
    schema: schema.refine((v) => v.startFrom === "blank" || templates.some((t) => t.id === v.startFrom), {
      path: ["startFrom"],
      message: "Select a strategy you can read to copy from",
    }),
  });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const { startFrom, area, adoptsStrategyId, ...details } = submission.value;
  const strategyId = await withDb(context, (tx) =>
    startStrategy(
      tx,
      user.id,
      {
        ...details,
        area: details.scope === "local" ? (area ?? null) : null,
        adoptsStrategyId: details.scope === "local" ? (adoptsStrategyId ?? null) : null,
      },
      startFrom === "blank" ? null : startFrom,
    ),
  );
  return redirect(`/strategies/${strategyId}?created=1`);
}

export default function NewStrategy() {
  const { templates, nationals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof schema>>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
    defaultValue: { scope: "national", visibility: "private", startFrom: "blank" },
  });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={fields} />
        <h1 className="govuk-heading-xl">Start a new strategy</h1>
        <p className="govuk-body">You will be its facilitator: you can then add priorities and commitments and invite people.</p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <TextField field={fields.title} label="Title" hint="For example, Workforce strategy for Anytown 2027 to 2032" />
          <TextareaField field={fields.summary} label="Summary (optional)" hint="What the strategy is for, in a few sentences." />
          <ChoiceField
            field={fields.startFrom}
            type="radio"
            legend="How do you want to start?"
            options={[
              { value: "blank", label: "With a blank strategy" },
              ...templates.map((t) => ({
                value: t.id,
                label: `As a copy of “${t.title}”`,
                hint: "Copies its current priorities, context figures and commitments. Commitments start again as drafts.",
              })),
            ]}
          />
          <StrategyScopeFields fields={fields} nationals={nationals} />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Start strategy
          </button>
        </Form>
      </div>
    </div>
  );
}
