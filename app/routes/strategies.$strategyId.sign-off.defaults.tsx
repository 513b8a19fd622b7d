import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { SuccessBanner } from "~/components/banner";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ChoiceField, ErrorSummary, FormActions } from "~/components/forms";
import { listOrganisations, organisationChoices } from "~/models/organisations.server";
import { listPriorities } from "~/models/priorities.server";
import { listSignOffDefaults } from "~/models/sign-off.server";
import type { Tx } from "~/platform/db.server";
import { authorize } from "~/policies/strategy";
import { setDefaults } from "~/services/sign-off.server";
import { requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction = () => pageTitle("Default organisations for sign-off");

/** The form field of the strategy-wide defaults, and of each priority's. */
const STRATEGY_FIELD = "strategy";
const priorityField = (priorityId: string) => `priority-${priorityId}`;

/** One list of organisations per fieldset, each from the directory. */
function defaultsSchema(fieldNames: string[], organisationIds: string[]) {
  const organisationList = z
    .array(z.string())
    .optional()
    .transform((ids) => ids ?? [])
    .refine((ids) => ids.every((id) => organisationIds.includes(id)), "Select organisations from the list");
  return z.object(Object.fromEntries(fieldNames.map((name) => [name, organisationList])));
}

/** The directory and the current priorities, once the person is known to be a facilitator. */
async function loadForm(tx: Tx, context: AppLoadContext, params: LoaderFunctionArgs["params"]) {
  const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
  authorize(actor, "manage_sign_off", strategy);
  const organisations = await listOrganisations(tx);
  const priorities = await listPriorities(tx, strategy.id);
  return { strategy, organisations, priorities };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return withDb(context, async (tx) => {
    const { strategy, organisations, priorities } = await loadForm(tx, context, params);
    const defaults = await listSignOffDefaults(tx, strategy.id);
    const chosen = (priorityId: string | null) => defaults.filter((d) => d.priorityId === priorityId).map((d) => d.organisationId);
    return {
      strategyId: strategy.id,
      organisations: organisationChoices(organisations),
      priorities: priorities.map((p, i) => ({ field: priorityField(p.id), heading: `Priority ${i + 1}: ${p.title}` })),
      defaultValue: Object.fromEntries([
        [STRATEGY_FIELD, chosen(null)],
        ...priorities.map((p) => [priorityField(p.id), chosen(p.id)]),
      ]) as Record<string, string[]>,
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  return withDb(context, async (tx) => {
    const { strategy, organisations, priorities } = await loadForm(tx, context, params);
    const lists = [
      { field: STRATEGY_FIELD, priorityId: null },
      ...priorities.map((p) => ({ field: priorityField(p.id), priorityId: p.id })),
    ];
    const schema = defaultsSchema(
      lists.map((l) => l.field),
      organisations.map((o) => o.id),
    );
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    for (const { field, priorityId } of lists) {
      await setDefaults(tx, { strategyId: strategy.id, priorityId, organisationIds: submission.value[field] });
    }
    return redirect(`/strategies/${strategy.id}/sign-off/defaults?done=saved`);
  });
}

export default function SignOffDefaults() {
  const { strategyId, organisations, priorities, defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm<Record<string, string[]>>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
    defaultValue,
  });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Breadcrumbs items={[{ to: `/strategies/${strategyId}/sign-off`, label: "Sign-off" }]} />
        {params.get("done") === "saved" && !actionData ? (
          <SuccessBanner>Default organisations saved. New commitments will ask them.</SuccessBanner>
        ) : null}
        <ErrorSummary form={form} fields={fields} />
        <h1 className="govuk-heading-l">Default organisations for sign-off</h1>
        <p className="govuk-body">
          Choose which organisations a new commitment asks to sign it off. A new commitment asks its priority’s organisations, or the
          strategy’s when its priority has none.
        </p>
        <p className="govuk-body">
          Existing commitments are not changed: choose their organisations on each commitment’s page.
        </p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <ChoiceField
            field={fields[STRATEGY_FIELD]}
            type="checkbox"
            small
            legend="For the whole strategy"
            hint="Asked by every new commitment whose priority has no organisations of its own."
            options={organisations}
          />
          {priorities.map((p) => (
            <ChoiceField
              key={p.field}
              field={fields[p.field]}
              type="checkbox"
              small
              legend={p.heading}
              hint="Leave all unticked to use the strategy’s organisations."
              options={organisations}
            />
          ))}
          <FormActions submitLabel="Save default organisations" cancelTo={`/strategies/${strategyId}/sign-off`} />
        </Form>
      </div>
    </div>
  );
}
