import { getFormProps, getInputProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { SuccessBanner } from "~/components/banner";
import { ChoiceField, ErrorSummary, TextareaField, TextField } from "~/components/forms";
import { StrategyScopeFields } from "~/components/strategy-fields";
import { requireLivedExperienceHint, requireLivedExperienceLabel, strategySettingsSchema } from "~/domain/strategy-form";
import { STRATEGY_STATUSES, strategyStatusLabels } from "~/domain/strategy";
import { listVisibleStrategies, updateStrategy } from "~/models/strategies.server";
import { authorize } from "~/policies/strategy";
import { requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

const schema = strategySettingsSchema;

export const meta: MetaFunction = () => pageTitle("Strategy settings");

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "edit_structure", strategy, "Only a facilitator of this strategy can change its settings.");
    const nationals = (await listVisibleStrategies(tx))
      .filter((s) => s.scope === "national" && s.id !== strategy.id)
      .map((s) => ({ id: s.id, title: s.title }));
    return { strategy, nationals };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { area, adoptsStrategyId, ...details } = submission.value;
  const strategyId = await withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "edit_structure", strategy, "Only a facilitator of this strategy can change its settings.");
    await updateStrategy(tx, strategy.id, {
      ...details,
      area: details.scope === "local" ? (area ?? null) : null,
      adoptsStrategyId: details.scope === "local" ? (adoptsStrategyId ?? null) : null,
    });
    return strategy.id;
  });
  return redirect(`/strategies/${strategyId}/settings?saved=1`);
}

export default function StrategySettings() {
  const { strategy, nationals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof schema>>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
    defaultValue: {
      title: strategy.title,
      summary: strategy.summary,
      scope: strategy.scope,
      area: strategy.area ?? "",
      adoptsStrategyId: strategy.adoptsStrategyId ?? "",
      visibility: strategy.visibility,
      status: strategy.status,
      requireLivedExperienceToAgree: strategy.requireLivedExperienceToAgree,
    },
  });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {params.get("saved") && !actionData ? <SuccessBanner>The strategy's settings are saved.</SuccessBanner> : null}
        <ErrorSummary form={form} fields={fields} />
        <h1 className="govuk-heading-xl">Settings</h1>
        <Form method="post" {...getFormProps(form)} noValidate>
          <TextField field={fields.title} label="Title" />
          <TextareaField field={fields.summary} label="Summary (optional)" />
          <StrategyScopeFields fields={fields} nationals={nationals} />
          <ChoiceField
            field={fields.status}
            type="radio"
            legend="Status"
            options={STRATEGY_STATUSES.map((s) => ({ value: s, label: strategyStatusLabels[s] }))}
          />
          <LivedExperienceCheckbox field={fields.requireLivedExperienceToAgree} />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Save settings
          </button>
        </Form>
      </div>
    </div>
  );
}

/** "Nothing about us without us": one checkbox, in a fieldset that says what it is about. */
function LivedExperienceCheckbox({ field }: { field: FieldMetadata<boolean | undefined> }) {
  const { key, ...props } = getInputProps(field, { type: "checkbox", ariaAttributes: false });
  const hintId = `${field.id}-hint`;
  return (
    <div className="govuk-form-group">
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Agreeing statements</legend>
        <div className="govuk-checkboxes" data-module="govuk-checkboxes">
          <div className="govuk-checkboxes__item">
            <input key={key} {...props} className="govuk-checkboxes__input" aria-describedby={hintId} />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={field.id}>
              {requireLivedExperienceLabel}
            </label>
            <div id={hintId} className="govuk-hint govuk-checkboxes__hint">
              {requireLivedExperienceHint}
            </div>
          </div>
        </div>
      </fieldset>
    </div>
  );
}
