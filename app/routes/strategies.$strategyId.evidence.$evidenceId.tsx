import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { InfoBanner, SuccessBanner } from "~/components/banner";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { EvidenceStatusTag, dataPointSummary } from "~/components/evidence";
import { EvidenceFields, type EvidenceFieldSet } from "~/components/evidence-fields";
import { ChoiceField, ErrorSummary, TextareaField } from "~/components/forms";
import { HistoryList } from "~/components/history-list";
import { Paragraphs } from "~/components/paragraphs";
import {
  consentSummary,
  evidenceCategoryLabels,
  evidenceKindLabels,
  milestoneJudgementLabels,
  type EvidenceKind,
} from "~/domain/evidence";
import {
  REVIEW_DECISIONS,
  consentValues,
  dateParts,
  evidenceSchema,
  reviewDecisionHints,
  reviewDecisionLabels,
  reviewSchema,
  targetValue,
  type EvidenceForm,
  type ReviewForm,
} from "~/domain/evidence-form";
import { fileTypeLabel, formatBytes, isEvidenceFileType } from "~/domain/evidence-files";
import { listHistoryFor } from "~/models/audit.server";
import { getEvidence, type EvidenceDetail } from "~/models/evidence.server";
import type { Tx } from "~/platform/db.server";
import { authorize } from "~/policies/strategy";
import { answerReturn, reviewEvidence } from "~/services/evidence.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { dataPointMeasure, loadEvidenceTargets, todayInUk } from "~/utils/evidence-route.server";
import { notFound, requireId, requireUser, withDb } from "~/utils/http.server";
import { readIntent } from "~/utils/intent.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";
import { discardStaged, parseUpload, type StagedFile } from "~/utils/upload.server";

const doneMessages: Record<string, string> = {
  submitted: "Evidence submitted. An evaluator will review it.",
  verified: "Evidence verified. It now counts towards the measure’s status and the priority’s evidence.",
  returned: "Evidence returned for more information. The person who submitted it can see your note.",
  rejected: "Evidence rejected. The person who submitted it can see your reason.",
  answered: "Your answer has been sent. An evaluator will review the evidence again.",
};

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Evidence: ${data.item.title}` : "Evidence");

/** The item and who may do what with it now; the page 404s for a reader RLS does not let see it. */
async function loadItem(tx: Tx, context: AppLoadContext, params: LoaderFunctionArgs["params"]) {
  const { strategy, actor, can } = await loadStrategyFor(tx, context, params.strategyId);
  const item = await getEvidence(tx, strategy.id, requireId(params.evidenceId));
  if (!item) throw notFound("No such evidence");
  const isSubmitter = context.user !== null && context.user?.id === item.submittedBy;
  return {
    strategy,
    actor,
    can,
    item,
    mayReview: can.canReviewEvidence && item.status === "submitted",
    mayAnswer: isSubmitter && item.status === "returned",
  };
}

/**
 * What the answer form offers: the strategy's targets, with the item's own kept even if it has
 * since been archived, and a data point's measure.
 */
async function loadAnswerForm(tx: Tx, item: EvidenceDetail) {
  const targets = await loadEvidenceTargets(tx, item.strategyId);
  const current = targetValue(
    item.measureId ? { measureId: item.measureId } : item.commitmentId ? { commitmentId: item.commitmentId } : { priorityId: item.priorityId! },
  );
  const options = targets.values.includes(current) ? targets.options : [{ value: current, label: item.targetName ?? "Its current target" }, ...targets.options];
  const measure =
    item.kind === "data_point" && item.measureId
      ? { id: item.measureId, name: item.targetName ?? "the measure", kind: item.measureKind ?? "quantitative", unit: item.measureUnit }
      : null;
  return { options, values: options.map((o) => o.value), measure };
}

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy, can, item, mayReview, mayAnswer } = await loadItem(tx, context, params);
    const history = await listHistoryFor(tx, "evidence", item.id, { strategyId: strategy.id });
    const answerForm = mayAnswer ? await loadAnswerForm(tx, item) : null;
    return {
      strategy,
      can,
      item,
      mayReview,
      answerForm: answerForm && { targets: answerForm.options, measure: answerForm.measure },
      history,
      maxBytes: context.platform.config.uploads.maxBytes,
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { strategy, actor, item, mayAnswer, answerForm } = await withDb(context, async (tx) => {
    const loaded = await loadItem(tx, context, params);
    return { ...loaded, answerForm: loaded.mayAnswer ? await loadAnswerForm(tx, loaded.item) : null };
  });
  const here = `/strategies/${strategy.id}/evidence/${item.id}`;
  const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  // Only the answer to a returned document carries a file; who may answer is settled before it is read.
  if (multipart) {
    if (!mayAnswer || item.kind !== "document") throw forbiddenAnswer(item.submittedBy === user.id);
    const { formData, staged, fileError } = await parseUpload(request, context.platform, { strategyId: strategy.id });
    return answer(formData, staged, fileError);
  }
  const formData = await request.formData();
  const intent = readIntent(formData, ["review", "answer"] as const);
  if (intent === "answer") {
    if (!mayAnswer) throw forbiddenAnswer(item.submittedBy === user.id);
    return answer(formData, null, undefined);
  }

  authorize(actor, "review_evidence", strategy);
  const submission = parseWithZod(formData, { schema: reviewSchema });
  if (submission.status !== "success") return data({ form: "review" as const, result: submission.reply(), chooseAgain: false }, { status: 400 });
  const outcome = await reviewEvidence((fn) => withDb(context, fn), {
    strategyId: strategy.id,
    evidenceId: item.id,
    decision: submission.value.decision,
    note: submission.value.note,
  });
  if (!outcome.ok) {
    return data({ form: "review" as const, result: submission.reply({ formErrors: [outcome.message] }), chooseAgain: false }, { status: 409 });
  }
  return redirect(`${here}?done=${submission.value.decision}`);

  async function answer(formData: FormData, staged: StagedFile | null, fileError: string | undefined) {
    const schema = evidenceSchema({
      kind: item.kind,
      targetValues: answerForm!.values,
      measure: answerForm!.measure ? dataPointMeasure(answerForm!.measure) : undefined,
      today: todayInUk(),
    });
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success" || fileError) {
      await discardStaged(context.platform.storage, staged);
      return data(
        {
          form: "answer" as const,
          result: submission.reply({ fieldErrors: fileError ? { file: [fileError] } : {} }),
          chooseAgain: Boolean(staged),
        },
        { status: 400 },
      );
    }
    const outcome = await answerReturn((fn) => withDb(context, fn), {
      strategyId: strategy.id,
      evidenceId: item.id,
      details: submission.value,
      upload: staged ? { staged, storage: context.platform.storage } : null,
    });
    if (!outcome.ok) {
      const errors = outcome.field ? { fieldErrors: { [outcome.field]: [outcome.message] } } : { formErrors: [outcome.message] };
      return data({ form: "answer" as const, result: submission.reply(errors), chooseAgain: Boolean(staged) }, { status: 409 });
    }
    return redirect(`${here}?done=answered`);
  }
}

function forbiddenAnswer(isSubmitter: boolean): Response {
  return new Response(
    isSubmitter
      ? "This evidence is not waiting for your answer: it has not been returned, or you have already sent it back."
      : "Only the person who submitted this evidence can answer its return.",
    { status: 403 },
  );
}

export default function EvidencePage() {
  const { strategy, item, mayReview, answerForm, history } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = doneMessages[params.get("done") ?? ""];
  const strategyPath = `/strategies/${strategy.id}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Breadcrumbs items={[{ to: `${strategyPath}/evidence`, label: "Evidence" }]} />
        {done ? <SuccessBanner>{done}</SuccessBanner> : null}
        {item.status === "returned" && answerForm ? (
          <InfoBanner title="Returned to you for more information">
            <p className="govuk-notification-banner__heading">The evaluator asked:</p>
            <Paragraphs text={item.reviewNote ?? ""} />
            <p className="govuk-body">
              <a className="govuk-notification-banner__link" href="#answer-heading">
                Answer and send it back
              </a>
            </p>
          </InfoBanner>
        ) : null}

        <span className="govuk-caption-l">{evidenceKindLabels[item.kind]}</span>
        <h1 className="govuk-heading-l app-break-anywhere">{item.title}</h1>
        <p className="govuk-body">
          <EvidenceStatusTag status={item.status} />
        </p>
        <StatusExplanation item={item} />

        <EvidenceFacts item={item} strategyPath={strategyPath} />

        {item.body ? (
          <>
            <h2 className="govuk-heading-m">{bodyHeadings[item.kind]}</h2>
            <div className="app-break-anywhere">
              <Paragraphs text={item.body} />
            </div>
          </>
        ) : null}

        {mayReview ? <ReviewForm /> : null}
        {answerForm ? <AnswerForm /> : null}

        <h2 className="govuk-heading-m govuk-!-margin-top-8">History</h2>
        <p className="govuk-body">What has happened to this evidence, newest first.</p>
        <HistoryList entries={history} />
      </div>
    </div>
  );
}

const bodyHeadings: Record<EvidenceKind, string> = {
  data_point: "What it shows",
  document: "What it shows",
  story: "The story",
  feedback: "The feedback",
};

type Item = ReturnType<typeof useLoaderData<typeof loader>>["item"];

/** Where the evidence stands, in words: who reviewed it, when, and the note they left. */
function StatusExplanation({ item }: { item: Item }) {
  const by = item.reviewedByName ?? "an evaluator";
  const when = item.reviewedAt ? ` on ${formatDateTime(item.reviewedAt)}` : "";
  switch (item.status) {
    case "submitted":
      return (
        <>
          <p className="govuk-body">
            Not yet verified: it does not count towards any status until an evaluator or a facilitator verifies it.
          </p>
          {item.reviewNote ? (
            <div className="govuk-inset-text">
              <p className="govuk-body govuk-!-font-weight-bold">It was returned earlier, by {by}, with this note:</p>
              <Paragraphs text={item.reviewNote} />
            </div>
          ) : null}
        </>
      );
    case "returned":
      return (
        <div className="govuk-inset-text">
          <p className="govuk-body govuk-!-font-weight-bold">
            Returned for more information by {by}
            {when}:
          </p>
          <Paragraphs text={item.reviewNote ?? ""} />
        </div>
      );
    case "verified":
      return (
        <>
          <p className="govuk-body">
            Verified by {by}
            {when}. It counts towards the status of what it is evidence for.
          </p>
          {item.reviewNote ? (
            <div className="govuk-inset-text">
              <Paragraphs text={item.reviewNote} />
            </div>
          ) : null}
        </>
      );
    case "rejected":
      return (
        <div className="govuk-inset-text">
          <p className="govuk-body govuk-!-font-weight-bold">
            Rejected by {by}
            {when}, because:
          </p>
          <Paragraphs text={item.reviewNote ?? ""} />
        </div>
      );
  }
}

function targetLink(item: Item, strategyPath: string): ReactNode {
  const name = item.targetName;
  if (!name) return "Something you cannot see";
  const [noun, path] = item.measureId
    ? ["Measure", `${strategyPath}/measures/${item.measureId}`]
    : item.commitmentId
      ? ["Commitment", `${strategyPath}/commitments/${item.commitmentId}`]
      : ["Priority", `${strategyPath}/priorities/${item.priorityId}`];
  return (
    <>
      {noun}:{" "}
      <Link className="govuk-link" to={path}>
        {name}
      </Link>
    </>
  );
}

/** Everything recorded about the item, as a summary list. */
function EvidenceFacts({ item, strategyPath }: { item: Item; strategyPath: string }) {
  const rows: { key: string; value: ReactNode }[] = [{ key: "Evidence for", value: targetLink(item, strategyPath) }];
  if (item.kind === "data_point") {
    if (item.value !== null) rows.push({ key: "Value", value: dataPointSummary({ ...item, periodEnd: null }) });
    if (item.judgement) rows.push({ key: "Judgement of the milestone", value: milestoneJudgementLabels[item.judgement] });
    rows.push({
      key: "Period",
      value: item.periodStart
        ? `${formatDate(item.periodStart)} to ${formatDate(item.periodEnd!)}`
        : `Ending ${formatDate(item.periodEnd!)}`,
    });
  }
  if (item.kind === "document" && item.fileId) {
    const type = item.fileContentType && isEvidenceFileType(item.fileContentType) ? fileTypeLabel(item.fileContentType) : "file";
    rows.push({
      key: "File",
      value: (
        <a className="govuk-link app-break-anywhere" href={`${strategyPath}/files/${item.fileId}`} download>
          Download {item.fileName} ({type}, {formatBytes(item.fileByteSize ?? 0)})
        </a>
      ),
    });
  }
  rows.push(
    { key: "Category", value: evidenceCategoryLabels[item.category] },
    { key: "Source", value: <span className="app-break-anywhere">{item.source}</span> },
    { key: "Date of the evidence", value: formatDate(item.evidenceDate) },
    {
      key: "Submitted by",
      value: item.submittedByName ?? (item.anonymised ? "Name withheld: the person asked for the story to be anonymised" : "Someone"),
    },
    { key: "Submitted on", value: formatDateTime(item.createdAt) },
  );
  if (item.kind === "story") rows.push({ key: "Consent", value: consentSummary(item) });
  if (item.importBatchId) rows.push({ key: "How it arrived", value: "Imported from a CSV file" });
  return (
    <dl className="govuk-summary-list">
      {rows.map((row) => (
        <div className="govuk-summary-list__row" key={row.key}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ReviewForm() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<ReviewForm>({
    id: "review",
    lastResult: actionData?.form === "review" ? actionData.result : undefined,
    shouldRevalidate: "onSubmit",
  });
  return (
    <section aria-labelledby="review-heading">
      <h2 className="govuk-heading-m govuk-!-margin-top-8" id="review-heading">
        Review this evidence
      </h2>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="review" />
        <ChoiceField
          field={fields.decision}
          type="radio"
          legend="What do you decide?"
          options={REVIEW_DECISIONS.map((d) => ({ value: d, label: reviewDecisionLabels[d], hint: reviewDecisionHints[d] }))}
        />
        <TextareaField
          field={fields.note}
          label="Note for the person who submitted it"
          hint="Needed to return or reject it: say what more you need, or why it cannot be used. Optional when you verify it."
          rows={4}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Save review
        </button>
      </Form>
    </section>
  );
}

function AnswerForm() {
  const { item, answerForm, maxBytes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { targets, measure } = answerForm!;
  const [form, fields] = useForm<EvidenceForm>({
    id: "answer",
    lastResult: actionData?.form === "answer" ? actionData.result : undefined,
    shouldRevalidate: "onSubmit",
    defaultValue: {
      target: targetValue(
        item.measureId ? { measureId: item.measureId } : item.commitmentId ? { commitmentId: item.commitmentId } : { priorityId: item.priorityId! },
      ),
      category: item.category,
      title: item.title,
      body: item.body,
      source: item.source,
      evidenceDate: dateParts(item.evidenceDate),
      value: item.value === null ? undefined : String(item.value),
      judgement: item.judgement ?? undefined,
      periodStart: dateParts(item.periodStart),
      periodEnd: dateParts(item.periodEnd),
      consent: consentValues(item),
    },
  });
  return (
    <section aria-labelledby="answer-heading">
      {/* Not id="answer": that is the form's id, which conform's fields name with their form attribute. */}
      <h2 className="govuk-heading-m govuk-!-margin-top-8" id="answer-heading">
        Answer and send back
      </h2>
      <p className="govuk-body">Change what the evaluator asked about, then send it back. It will be reviewed again.</p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} encType={item.kind === "document" ? "multipart/form-data" : undefined} noValidate>
        <input type="hidden" name="intent" value="answer" />
        <EvidenceFields
          fields={fields as unknown as EvidenceFieldSet}
          kind={item.kind}
          targets={targets}
          fixedTarget={measure ? { value: `measure:${measure.id}`, label: measure.name } : undefined}
          measure={measure ?? undefined}
          file={{ required: false, maxBytes, chooseAgain: Boolean(actionData?.form === "answer" && actionData.chooseAgain), current: item.fileName }}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Send back for review
        </button>
      </Form>
    </section>
  );
}
