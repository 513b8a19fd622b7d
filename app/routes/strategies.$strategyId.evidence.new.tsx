import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { EvidenceFields, type EvidenceFieldSet } from "~/components/evidence-fields";
import { ErrorSummary, FormActions } from "~/components/forms";
import { EVIDENCE_KINDS, evidenceKindHints, evidenceKindLabels, evidenceKindNouns, type EvidenceKind } from "~/domain/evidence";
import { dateParts, evidenceSchema, type EvidenceForm } from "~/domain/evidence-form";
import type { Tx } from "~/platform/db.server";
import { authorize } from "~/policies/strategy";
import { submitEvidence } from "~/services/evidence.server";
import { requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";
import { dataPointMeasure, isEvidenceKind, loadEvidenceTargets, preselectedTarget, todayInUk } from "~/utils/evidence-route.server";
import { discardStaged, parseUpload, type StagedFile } from "~/utils/upload.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.kind ? `Submit ${evidenceKindNouns[data.kind]}` : "Submit evidence");

/**
 * Submitting evidence takes up to three steps, each a page that works without JavaScript: the
 * kind (GET ?kind=), for a data point the measure (GET ?measureId=), then the kind's own fields
 * (POST). A link from a measure, commitment or priority carries its id through every step.
 */
async function loadForm(tx: Tx, context: AppLoadContext, strategyIdParam: string | undefined, url: URL) {
  const { strategy, actor } = await loadStrategyFor(tx, context, strategyIdParam);
  authorize(actor, "submit_evidence", strategy);
  const targets = await loadEvidenceTargets(tx, strategy.id);
  const kindParam = url.searchParams.get("kind");
  const kind = isEvidenceKind(kindParam) ? kindParam : null;
  const measureId = url.searchParams.get("measureId");
  const measure = measureId ? targets.measures.find((m) => m.id === measureId) : undefined;
  return { strategy, targets, kind, measure };
}

/** Where "Cancel" goes: back to what the evidence was for, or to the strategy's evidence. */
function backPath(strategyId: string, url: URL): string {
  const base = `/strategies/${strategyId}`;
  const measureId = url.searchParams.get("measureId");
  const commitmentId = url.searchParams.get("commitmentId");
  const priorityId = url.searchParams.get("priorityId");
  if (measureId) return `${base}/measures/${measureId}`;
  if (commitmentId) return `${base}/commitments/${commitmentId}`;
  if (priorityId) return `${base}/priorities/${priorityId}`;
  return `${base}/evidence`;
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  const url = new URL(request.url);
  return withDb(context, async (tx) => {
    const { strategy, targets, kind, measure } = await loadForm(tx, context, params.strategyId, url);
    const step = !kind ? "kind" : kind === "data_point" && !measure ? "measure" : "details";
    // Each step's form says which step it is (an unticked radio sends nothing): a step sent back
    // without its answer says what is missing.
    const answered = url.searchParams.get("step");
    const stepError =
      step === "kind" && answered === "kind"
        ? "Select what kind of evidence it is"
        : step === "measure" && answered === "measure"
          ? "Select the measure the value is for"
          : null;
    return {
      strategyId: strategy.id,
      step,
      kind,
      stepError,
      carried: ["measureId", "commitmentId", "priorityId"].flatMap((name) => {
        const value = url.searchParams.get(name);
        return value && (kind !== "data_point" || name !== "measureId") ? [{ name, value }] : [];
      }),
      targets: targets.options,
      preselected: measure ? `measure:${measure.id}` : preselectedTarget(url, targets.values),
      measures: targets.measures.map((m) => ({ value: m.id, label: m.name })),
      measure: measure ? { id: measure.id, ...dataPointMeasure(measure) } : null,
      today: todayInUk(),
      maxBytes: context.platform.config.uploads.maxBytes,
      backTo: backPath(strategy.id, url),
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const url = new URL(request.url);
  // Who may submit is settled before any upload is read: a refused person's file is never stored.
  const { strategy, targets, kind, measure } = await withDb(context, (tx) => loadForm(tx, context, params.strategyId, url));
  if (!kind || (kind === "data_point" && !measure)) {
    throw new Response("Choose the kind of evidence (and, for a data point, its measure) first.", { status: 400 });
  }
  const schema = evidenceSchema({
    kind,
    targetValues: targets.values,
    measure: measure ? dataPointMeasure(measure) : undefined,
    today: todayInUk(),
  });
  let formData: FormData;
  let staged: StagedFile | null = null;
  let fileError: string | undefined;
  if (kind === "document") {
    ({ formData, staged, fileError } = await parseUpload(request, context.platform, { strategyId: strategy.id }));
  } else {
    formData = await request.formData();
  }
  const submission = parseWithZod(formData, { schema });
  const missingFile = kind === "document" && !staged ? [fileError ?? "Select the file"] : null;
  if (submission.status !== "success" || missingFile) {
    await discardStaged(context.platform.storage, staged);
    return data(
      { result: submission.reply({ fieldErrors: missingFile ? { file: missingFile } : {} }), chooseAgain: Boolean(staged) },
      { status: 400 },
    );
  }
  const outcome = await submitEvidence((fn) => withDb(context, fn), {
    strategyId: strategy.id,
    details: submission.value,
    upload: staged ? { staged, storage: context.platform.storage } : null,
  });
  if (!outcome.ok) {
    const errors = outcome.field ? { fieldErrors: { [outcome.field]: [outcome.message] } } : { formErrors: [outcome.message] };
    return data({ result: submission.reply(errors), chooseAgain: kind === "document" }, { status: 400 });
  }
  return redirect(`/strategies/${strategy.id}/evidence/${outcome.evidenceId}?done=submitted`);
}

export default function NewEvidence() {
  const loaded = useLoaderData<typeof loader>();
  if (loaded.step === "kind") return <ChooseKind />;
  if (loaded.step === "measure") return <ChooseMeasure />;
  return <EvidenceDetailsForm />;
}

/** The problem with a step's single answer, as the error summary and beside the field. */
function StepErrorSummary({ message, href }: { message: string; href: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            <li>
              <a href={href}>{message}</a>
            </li>
          </ul>
        </div>
      </div>
    </div>
  );
}

function Carried({ carried }: { carried: { name: string; value: string }[] }) {
  return (
    <>
      {carried.map((c) => (
        <input key={c.name} type="hidden" name={c.name} value={c.value} />
      ))}
    </>
  );
}

function ChooseKind() {
  const { stepError, carried, backTo } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {stepError ? <StepErrorSummary message={stepError} href="#kind" /> : null}
        <Form method="get" noValidate>
          <input type="hidden" name="step" value="kind" />
          <Carried carried={carried} />
          <div className={`govuk-form-group${stepError ? " govuk-form-group--error" : ""}`}>
            <fieldset className="govuk-fieldset" aria-describedby={stepError ? "kind-error" : undefined}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">
                <h1 className="govuk-fieldset__heading">What kind of evidence is it?</h1>
              </legend>
              {stepError ? (
                <p id="kind-error" className="govuk-error-message">
                  <span className="govuk-visually-hidden">Error:</span> {stepError}
                </p>
              ) : null}
              <div className="govuk-radios">
                {EVIDENCE_KINDS.map((kind, i) => (
                  <div className="govuk-radios__item" key={kind}>
                    <input
                      className="govuk-radios__input"
                      id={i === 0 ? "kind" : `kind-${kind}`}
                      name="kind"
                      type="radio"
                      value={kind}
                      aria-describedby={`kind-${kind}-hint`}
                    />
                    <label className="govuk-label govuk-radios__label" htmlFor={i === 0 ? "kind" : `kind-${kind}`}>
                      {evidenceKindLabels[kind]}
                    </label>
                    <div id={`kind-${kind}-hint`} className="govuk-hint govuk-radios__hint">
                      {evidenceKindHints[kind]}
                    </div>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <FormActions submitLabel="Continue" cancelTo={backTo} />
        </Form>
      </div>
    </div>
  );
}

function ChooseMeasure() {
  const { stepError, carried, measures, backTo } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {stepError ? <StepErrorSummary message={stepError} href="#measureId" /> : null}
        <span className="govuk-caption-l">Submit a data point</span>
        {measures.length ? (
          <Form method="get" noValidate>
            <input type="hidden" name="step" value="measure" />
            <input type="hidden" name="kind" value="data_point" />
            <Carried carried={carried} />
            <div className={`govuk-form-group${stepError ? " govuk-form-group--error" : ""}`}>
              <h1 className="govuk-label-wrapper">
                <label className="govuk-label govuk-label--l" htmlFor="measureId">
                  Which measure is it a value for?
                </label>
              </h1>
              <div id="measureId-hint" className="govuk-hint">
                A data point is a value of one measure for one period. For a report or a story, go back and choose another kind.
              </div>
              {stepError ? (
                <p id="measureId-error" className="govuk-error-message">
                  <span className="govuk-visually-hidden">Error:</span> {stepError}
                </p>
              ) : null}
              <select
                className={`govuk-select${stepError ? " govuk-select--error" : ""}`}
                id="measureId"
                name="measureId"
                defaultValue=""
                aria-describedby={`measureId-hint${stepError ? " measureId-error" : ""}`}
              >
                <option value="">Select a measure</option>
                {measures.map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </select>
            </div>
            <FormActions submitLabel="Continue" cancelTo={backTo} />
          </Form>
        ) : (
          <>
            <h1 className="govuk-heading-l">There are no measures yet</h1>
            <p className="govuk-body">
              A data point is a value of a measure, and this strategy has no measures yet. An evaluator or a facilitator defines them.
            </p>
            <p className="govuk-body">
              <Link className="govuk-link" to={backTo}>
                Go back
              </Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}

function EvidenceDetailsForm() {
  const { kind, targets, preselected, measure, today, maxBytes, backTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<EvidenceForm>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
    defaultValue: { target: preselected ?? "", evidenceDate: dateParts(today) },
  });
  const evidenceKind = kind as EvidenceKind;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={fields} />
        <span className="govuk-caption-l">Submit evidence</span>
        <h1 className="govuk-heading-l">{headings[evidenceKind]}</h1>
        <p className="govuk-body">
          An evaluator reviews it. Until they verify it, it is shown as not yet verified and does not count towards any status.
        </p>
        <Form method="post" {...getFormProps(form)} encType={evidenceKind === "document" ? "multipart/form-data" : undefined} noValidate>
          <EvidenceFields
            fields={fields as unknown as EvidenceFieldSet}
            kind={evidenceKind}
            targets={targets}
            fixedTarget={measure ? { value: `measure:${measure.id}`, label: measure.name } : undefined}
            measure={measure ?? undefined}
            file={{ required: true, maxBytes, chooseAgain: Boolean(actionData?.chooseAgain) }}
          />
          <FormActions submitLabel="Submit evidence" cancelTo={backTo} />
        </Form>
      </div>
    </div>
  );
}

const headings: Record<EvidenceKind, string> = {
  data_point: "Submit a data point",
  document: "Upload a document",
  story: "Record a story of lived experience",
  feedback: "Record feedback",
};
