import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { shortText } from "~/components/commitment";
import { ErrorSummary, TextareaField } from "~/components/forms";
import { publishAnywaySchema } from "~/domain/publication";
import { agreedSummary } from "~/domain/sign-off-matrix";
import { listPublications } from "~/models/publications.server";
import { countAgreedCommitments, listSignOffMatrixRows } from "~/models/sign-off-matrix.server";
import type { Tx } from "~/platform/db.server";
import { authorize } from "~/policies/strategy";
import { publishStrategy } from "~/services/publications.server";
import { requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction = () => pageTitle("Publish a version");

const CHANGED_MEANWHILE =
  "Not every commitment is agreed now: something changed since you opened this page. Give the reason for publishing anyway";

/** Where agreement stands now, for a facilitator about to publish. */
async function readiness(tx: Tx, context: AppLoadContext, strategyIdParam: string | undefined) {
  const { strategy, actor } = await loadStrategyFor(tx, context, strategyIdParam);
  authorize(actor, "publish", strategy);
  const totals = await countAgreedCommitments(tx, strategy.id);
  const allAgreed = totals.total > 0 && totals.agreed === totals.total;
  return { strategy, totals, allAgreed };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return withDb(context, async (tx) => {
    const { strategy, totals, allAgreed } = await readiness(tx, context, params.strategyId);
    const notAgreed = (await listSignOffMatrixRows(tx, strategy.id)).filter((r) => !r.agreed);
    const [latest] = await listPublications(tx, strategy.id);
    return {
      strategy: { id: strategy.id, title: strategy.title },
      totals,
      allAgreed,
      nextNumber: (latest?.number ?? 0) + 1,
      notAgreed: notAgreed.map((r) => ({
        id: r.id,
        text: r.text,
        priority: `Priority ${r.priorityNumber}`,
        organisationCount: r.organisationCount,
      })),
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const { strategy, allAgreed } = await withDb(context, (tx) => readiness(tx, context, params.strategyId));
  // When every commitment is agreed there is nothing to explain; otherwise a reason is required.
  const submission = parseWithZod(formData, { schema: allAgreed ? z.object({}) : publishAnywaySchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const overrideReason = "reason" in submission.value ? submission.value.reason : null;
  const outcome = await publishStrategy((fn) => withDb(context, fn), { strategyId: strategy.id, overrideReason });
  if (outcome.outcome === "reason_required") {
    return data({ result: submission.reply({ fieldErrors: { reason: [CHANGED_MEANWHILE] } }) }, { status: 409 });
  }
  return redirect(`/strategies/${strategy.id}/published/${outcome.number}?done=published`);
}

export default function Publish() {
  const { strategy, totals, allAgreed, nextNumber, notAgreed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<{ reason: string }>({
    id: "publish",
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
  });
  const strategyPath = `/strategies/${strategy.id}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Breadcrumbs
          items={[
            { to: strategyPath, label: "Priorities" },
            { to: `${strategyPath}/sign-off`, label: "Sign-off" },
          ]}
        />
        <ErrorSummary form={form} fields={fields} />
        <h1 className="govuk-heading-l">Publish version {nextNumber}</h1>
        <p className="govuk-body">
          Publishing keeps a copy of the strategy as it is now: its priorities, its commitments with who signed each off, and
          its agreed statements. The copy never changes, so anyone who can read the strategy can see what was agreed, and
          when. Publishing also marks the strategy as published.
        </p>
        <p className="govuk-body-l govuk-!-font-weight-bold" id="agreed-summary">
          {agreedSummary(totals.agreed, totals.total)}
        </p>

        {allAgreed ? (
          <p className="govuk-body">Every commitment is agreed: each organisation asked has endorsed its current revision.</p>
        ) : (
          <>
            <h2 className="govuk-heading-m">Not agreed yet</h2>
            {notAgreed.length ? (
              <ul className="govuk-list govuk-list--bullet">
                {notAgreed.map((c) => (
                  <li key={c.id}>
                    <Link className="govuk-link" to={`${strategyPath}/commitments/${c.id}`}>
                      {shortText(c.text, 120)}
                    </Link>{" "}
                    <span className="app-muted">
                      ({c.priority}; {c.organisationCount ? "not every organisation asked has endorsed it" : "no organisation asked yet"})
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="govuk-body">There are no commitments to agree yet.</p>
            )}
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <div className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                You can publish before every commitment is agreed, but you must say why. The reason is shown with the
                published version.
              </div>
            </div>
          </>
        )}

        <Form method="post" {...getFormProps(form)} noValidate>
          {!allAgreed || fields.reason.errors?.length ? (
            <TextareaField
              field={fields.reason}
              label="Why publish before every commitment is agreed?"
              hint="Between 10 and 2,000 characters. Everyone who reads this version will see it."
              rows={5}
            />
          ) : null}
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" data-module="govuk-button">
              {allAgreed ? `Publish version ${nextNumber}` : "Publish anyway"}
            </button>
            <Link className="govuk-link" to={`${strategyPath}/sign-off`}>
              Cancel
            </Link>
          </div>
        </Form>
      </div>
    </div>
  );
}
