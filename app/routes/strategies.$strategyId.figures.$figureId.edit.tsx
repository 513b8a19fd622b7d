import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ContextFigureFields } from "~/components/context-figure-fields";
import { ErrorSummary, FormActions } from "~/components/forms";
import { contextFigureSchema as schema, type ContextFigureForm } from "~/domain/context-figure-form";
import { getContextFigure } from "~/models/context-figures.server";
import type { Tx } from "~/platform/db.server";
import { authorize } from "~/policies/strategy";
import { moveContextFigure, removeContextFigure, updateContextFigure } from "~/services/context-figures.server";
import { notFound, requireId, requireUser, withDb } from "~/utils/http.server";
import { readIntent } from "~/utils/intent.server";
import { pageTitle } from "~/utils/meta";
import { loadFigureList } from "~/utils/figure-route.server";
import { loadStrategyFor } from "~/utils/strategy-route.server";

/** Save the form, remove the figure (after ?confirm=remove), or move it (buttons in the figures table). */
const INTENTS = ["save", "remove", "move-up", "move-down"] as const;

const confirmingRemoval = (url: string) => new URL(url).searchParams.get("confirm") === "remove";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.confirmRemoval ? "Are you sure you want to remove this figure?" : "Edit figure");

/** The figure, once the person is known to be a facilitator, and the list it belongs to. */
async function loadFigure(tx: Tx, context: AppLoadContext, params: LoaderFunctionArgs["params"]) {
  const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
  authorize(actor, "edit_structure", strategy);
  const figure = await getContextFigure(tx, strategy.id, requireId(params.figureId));
  if (!figure) throw notFound("No such figure");
  const list = await loadFigureList(tx, strategy.id, figure.priorityId);
  return { strategy, figure, list };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return withDb(context, async (tx) => {
    const { figure, list } = await loadFigure(tx, context, params);
    return { figure, heading: list.heading, backTo: list.backTo, confirmRemoval: confirmingRemoval(request.url) };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const intent = readIntent(formData, INTENTS);
  return withDb(context, async (tx) => {
    const { strategy, figure, list } = await loadFigure(tx, context, params);
    const anchor = `#figure-${figure.id}`;
    switch (intent) {
      case "save": {
        const submission = parseWithZod(formData, { schema });
        if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
        const { sourceUrl, ...details } = submission.value;
        if (!(await updateContextFigure(tx, strategy.id, figure.id, { ...details, sourceUrl: sourceUrl ?? null }))) {
          throw notFound("No such figure");
        }
        return redirect(`${list.backTo}?done=figure-saved${anchor}`);
      }
      case "remove":
        if (!(await removeContextFigure(tx, strategy.id, figure.id))) throw notFound("No such figure");
        return redirect(`${list.backTo}?done=figure-removed`);
      case "move-up":
      case "move-down": {
        const outcome = await moveContextFigure(tx, strategy.id, figure.id, intent === "move-up" ? "up" : "down");
        if (outcome === "not_found") throw notFound("No such figure");
        return redirect(outcome === "moved" ? `${list.backTo}?done=figure-${intent === "move-up" ? "moved-up" : "moved-down"}${anchor}` : list.backTo + anchor);
      }
    }
  });
}

export default function EditFigure() {
  const { figure, heading, backTo, confirmRemoval } = useLoaderData<typeof loader>();
  return confirmRemoval ? (
    <ConfirmRemoval figure={figure} heading={heading} />
  ) : (
    <EditForm figure={figure} heading={heading} backTo={backTo} />
  );
}

type Props = { figure: ReturnType<typeof useLoaderData<typeof loader>>["figure"]; heading: string };

function EditForm({ figure, heading, backTo }: Props & { backTo: string }) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<ContextFigureForm>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
    defaultValue: { figure: figure.figure, description: figure.description, source: figure.source, sourceUrl: figure.sourceUrl ?? "" },
  });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={fields} />
        <span className="govuk-caption-l">{heading}</span>
        <h1 className="govuk-heading-l">Edit figure</h1>
        <Form method="post" {...getFormProps(form)} noValidate>
          <input type="hidden" name="intent" value="save" />
          <ContextFigureFields fields={fields} />
          <FormActions submitLabel="Save figure" cancelTo={backTo} />
        </Form>
        <Link to="?confirm=remove" className="govuk-button govuk-button--warning govuk-!-margin-top-6" draggable={false}>
          Remove this figure
        </Link>
      </div>
    </div>
  );
}

function ConfirmRemoval({ figure, heading }: Props) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">{heading}</span>
        <h1 className="govuk-heading-l">Are you sure you want to remove this figure?</h1>
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Figure</dt>
            <dd className="govuk-summary-list__value">{figure.figure}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">What it shows</dt>
            <dd className="govuk-summary-list__value">{figure.description}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Source</dt>
            <dd className="govuk-summary-list__value">{figure.source}</dd>
          </div>
        </dl>
        <p className="govuk-body">It will no longer appear in the table. The strategy’s history keeps a record of it.</p>
        <Form method="post" className="govuk-button-group">
          <button type="submit" name="intent" value="remove" className="govuk-button govuk-button--warning" data-module="govuk-button">
            Yes, remove this figure
          </button>
          <Link className="govuk-link" to=".">
            Cancel
          </Link>
        </Form>
      </div>
    </div>
  );
}
