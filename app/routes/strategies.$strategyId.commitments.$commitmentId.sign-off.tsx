import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CommitmentBreadcrumbs } from "~/components/commitment";
import { ChoiceField, ErrorSummary, FormActions } from "~/components/forms";
import { DecisionRadios, organisationFullName, RecordedDecision, StaleDecisionWarning } from "~/components/sign-off";
import { responsiblePartyLabels } from "~/domain/responsible-parties";
import { SIGN_OFF_DECISIONS } from "~/domain/sign-off";
import { getCurrentRevision, listSignOffCells } from "~/models/sign-off.server";
import type { Tx } from "~/platform/db.server";
import { authorize, canSignFor } from "~/policies/strategy";
import { notifySignOffDecision, recordDecision, signOffNotifier } from "~/services/sign-off.server";
import { formatDate } from "~/utils/dates";
import { requireUser, withDb } from "~/utils/http.server";
import { formText } from "~/utils/intent.server";
import { pageTitle } from "~/utils/meta";
import { loadCommitmentFor, priorityHeadingFor } from "~/utils/commitment-route.server";

export const meta: MetaFunction = () => pageTitle("Record your organisation’s decision");

const NOT_A_SIGNATORY =
  "Only a designated signatory of an organisation asked to sign off this commitment can record a decision on it. A facilitator chooses the organisations asked, and names each organisation’s signatories on the Members page.";

const WORDS_MIN = 3;
const WORDS_MAX = 4000;

/** Words a decision needs (the conditions, or the reason): present, and between 3 and 4,000 characters. */
function requireWords(ctx: z.RefinementCtx, words: string | undefined, path: string, missing: string, noun: string) {
  if (!words) ctx.addIssue({ code: "custom", path: [path], message: missing });
  else if (words.length < WORDS_MIN) ctx.addIssue({ code: "custom", path: [path], message: `${noun} must be ${WORDS_MIN} characters or more` });
  else if (words.length > WORDS_MAX) ctx.addIssue({ code: "custom", path: [path], message: `${noun} must be 4,000 characters or fewer` });
}

/** The decision form: which organisation (one the person signs for), what it decides, and the conditions or reason it needs. */
export function decisionSchema(organisationIds: string[]) {
  return z
    .object({
      organisationId: z
        .string({ message: "Select the organisation you are signing for" })
        .refine((id) => organisationIds.includes(id), "Select an organisation you sign for"),
      decision: z.enum(SIGN_OFF_DECISIONS, { message: "Select your organisation’s decision" }),
      conditions: z.string().trim().optional(),
      reason: z.string().trim().optional(),
    })
    .superRefine((value, ctx) => {
      if (value.decision === "endorsed_with_conditions") {
        requireWords(ctx, value.conditions, "conditions", "Enter the conditions of your organisation’s endorsement", "The conditions");
      }
      if (value.decision === "objected") {
        requireWords(ctx, value.reason, "reason", "Enter the reason your organisation objects", "The reason");
      }
    });
}

type DecisionForm = z.input<ReturnType<typeof decisionSchema>>;

/**
 * The commitment, the revision it is at, and the organisations this person signs for that must
 * sign it off. Anyone else is refused (403): the database would refuse their decision anyway.
 */
async function loadSigning(tx: Tx, context: AppLoadContext, params: LoaderFunctionArgs["params"]) {
  const { strategy, actor, commitment } = await loadCommitmentFor(tx, context, params);
  authorize(actor, "read_sign_off", strategy);
  const cells = (await listSignOffCells(tx, commitment.id)).filter((c) => canSignFor(actor, c.organisationId));
  if (!cells.length) throw new Response(NOT_A_SIGNATORY, { status: 403 });
  const revision = (await getCurrentRevision(tx, commitment.id))!;
  return { strategy, commitment, cells, revision };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return withDb(context, async (tx) => {
    const { strategy, commitment, cells, revision } = await loadSigning(tx, context, params);
    return {
      strategyId: strategy.id,
      commitment: {
        id: commitment.id,
        text: commitment.text,
        priorityId: commitment.priorityId,
        archived: commitment.archivedAt !== null,
      },
      priorityHeading: await priorityHeadingFor(tx, commitment),
      revision,
      decided: cells.filter((c) => c.decidedRevision === revision.number),
      undecided: cells.filter((c) => c.decidedRevision !== revision.number),
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await request.formData();
  const { strategy, commitment, cells } = await withDb(context, (tx) => loadSigning(tx, context, params));
  const revision = Number(formText(formData, "revision"));
  if (!Number.isInteger(revision) || revision < 1) throw new Response("The form did not say which revision you read.", { status: 400 });

  const submission = parseWithZod(formData, { schema: decisionSchema(cells.map((c) => c.organisationId)) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const organisation = cells.find((c) => c.organisationId === submission.value.organisationId)!;
  const outcome = await recordDecision((fn) => withDb(context, fn), {
    strategyId: strategy.id,
    commitmentId: commitment.id,
    organisationId: organisation.organisationId,
    organisationName: organisation.organisationShortName,
    revision,
    decision: submission.value.decision,
    conditions: submission.value.conditions,
    reason: submission.value.reason,
    userId: user.id,
  });
  if (!outcome.ok) {
    if (outcome.kind === "forbidden") throw new Response(outcome.message, { status: 403 });
    return data({ result: submission.reply({ formErrors: [outcome.message] }) }, { status: 409 });
  }
  await notifySignOffDecision(signOffNotifier(context.platform), {
    strategyId: strategy.id,
    commitmentId: commitment.id,
    decisionId: outcome.decisionId,
  });
  const commitmentPath = `/strategies/${strategy.id}/commitments/${commitment.id}`;
  if (outcome.stale) {
    return redirect(`${commitmentPath}/sign-off?organisation=${organisation.organisationId}&recorded=${outcome.revision}`);
  }
  return redirect(`${commitmentPath}?done=decided#sign-off`);
}

export default function SignOffDecision() {
  const { strategyId, commitment, priorityHeading, revision, decided, undecided } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const recorded = Number(params.get("recorded"));
  const asked = params.get("organisation");
  const single = undecided.length === 1 ? undecided[0] : null;
  const [form, fields] = useForm<DecisionForm>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
    defaultValue: {
      organisationId: single?.organisationId ?? undecided.find((c) => c.organisationId === asked)?.organisationId,
    },
  });
  const strategyPath = `/strategies/${strategyId}`;
  const commitmentPath = `${strategyPath}/commitments/${commitment.id}`;
  // The organisation the page is about, when there is only one.
  const only = single ?? (decided.length === 1 && !undecided.length ? decided[0] : null);
  const forWhom = only?.organisationShortName ?? null;
  const heading = !forWhom ? "Record your organisation’s decision" : undecided.length ? `Record ${forWhom}’s decision` : `${forWhom}’s decision`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <CommitmentBreadcrumbs strategyId={strategyId} commitment={commitment} priorityHeading={priorityHeading} />
        <ErrorSummary form={form} fields={fields} />
        {recorded && recorded < revision.number ? <StaleDecisionWarning recorded={recorded} current={revision.number} /> : null}

        <span className="govuk-caption-l">Sign-off{forWhom ? ` for ${forWhom}` : ""}</span>
        <h1 className="govuk-heading-l">
          {heading}
        </h1>

        {undecided.length && !commitment.archived ? (
          <>
            <h2 className="govuk-heading-m">What you are signing: revision {revision.number}</h2>
            <p className="govuk-body">
              Your decision is bound to this revision: its wording, who is responsible, the lead organisation and the due date, exactly
              as shown here.
            </p>
          </>
        ) : (
          <h2 className="govuk-heading-m">The commitment: revision {revision.number}</h2>
        )}
        <dl className="govuk-summary-list">
          {[
            { key: "Commitment", value: revision.text },
            { key: "Who is responsible", value: revision.responsibleParties.map((p) => responsiblePartyLabels[p]).join(", ") },
            { key: "Lead organisation", value: revision.leadOrganisationName ?? "No lead organisation" },
            { key: "Due date", value: revision.dueDate ? formatDate(revision.dueDate) : "No due date" },
            {
              key: "Fingerprint",
              value: (
                <>
                  <code className="app-break-anywhere">{revision.contentHash.slice(0, 16)}</code>
                  <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">
                    The start of this revision’s SHA-256 content hash, recorded with your decision.
                  </span>
                </>
              ),
            },
          ].map((row) => (
            <div className="govuk-summary-list__row" key={row.key}>
              <dt className="govuk-summary-list__key">{row.key}</dt>
              <dd className="govuk-summary-list__value app-break-anywhere">{row.value}</dd>
            </div>
          ))}
        </dl>

        {decided.map((cell) => (
          <section key={cell.organisationId} aria-label={`${cell.organisationShortName}’s decision`}>
            <h2 className="govuk-heading-m">{cell.organisationShortName} has decided on this revision</h2>
            <RecordedDecision cell={cell} />
          </section>
        ))}

        {commitment.archived ? (
          <p className="govuk-inset-text">This commitment is archived, so it cannot be signed off. A facilitator can restore it.</p>
        ) : undecided.length ? (
          <Form method="post" {...getFormProps(form)} noValidate>
            <input type="hidden" name="revision" value={revision.number} />
            {single ? (
              <input type="hidden" name={fields.organisationId.name} value={single.organisationId} />
            ) : (
              <ChoiceField
                field={fields.organisationId}
                type="radio"
                legend="Which organisation are you signing for?"
                hint="You are a signatory for more than one organisation asked. Record each organisation’s decision separately."
                options={undecided.map((c) => ({ value: c.organisationId, label: organisationFullName(c) }))}
              />
            )}
            <DecisionRadios
              decision={fields.decision}
              conditions={fields.conditions}
              reason={fields.reason}
              legend={single ? `What does ${single.organisationShortName} decide?` : "What does the organisation decide?"}
            />
            <FormActions submitLabel="Record decision" cancelTo={commitmentPath} />
          </Form>
        ) : (
          <p className="govuk-body">
            Every organisation you sign for has decided on this revision. If the commitment changes, you will be asked again.
          </p>
        )}
      </div>
    </div>
  );
}
