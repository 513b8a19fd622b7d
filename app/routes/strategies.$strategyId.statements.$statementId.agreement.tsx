import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SuccessBanner } from "~/components/banner";
import { CoProductionBalance } from "~/components/co-production-balance";
import { StatementBodyView } from "~/components/statement-body";
import { StatementStatusTag } from "~/components/statement";
import {
  agreementBlockerMessages,
  STATEMENT_STATUSES,
  statementStatusLabels,
  type StatementStatus,
} from "~/domain/statements";
import { roleGroupSingularLabels, statementDoneMessages, statementStatusDescriptions } from "~/domain/statement-workflow";
import { agreementBlocker } from "~/models/statements.server";
import { statementBalance } from "~/models/statement-contributions.server";
import { deleteMyEndorsements, listEndorsements, type StatementEndorsement } from "~/models/statement-endorsements.server";
import { authorizeStatementChange, canEndorse, statusMoves } from "~/policies/statement";
import { authorize } from "~/policies/strategy";
import { changeStatementStatus, endorseStatement } from "~/services/statement-agreement.server";
import { formatDateTime } from "~/utils/dates";
import { requireId, requireUser, withDb } from "~/utils/http.server";
import { formText } from "~/utils/intent.server";
import { pageTitle } from "~/utils/meta";
import { loadStatementFor } from "~/utils/statement-route.server";
import { workflowFor } from "~/utils/statement-workflow.server";

const TEXT_CHANGED =
  "The statement has changed since you read it. Read the current text above, then endorse it if you still agree.";
const STATUS_MOVED = "Someone changed the statement’s status while you were reading. Check its status below and try again.";

const STEPS: { status: StatementStatus; name: string; hint: string }[] = [
  { status: "draft", name: "Write the text together", hint: "Draft" },
  { status: "in_review", name: "Read, discuss and endorse", hint: "In review" },
  { status: "agreed", name: "Agree the text", hint: "Agreed by a facilitator" },
  { status: "published", name: "Publish it in the strategy", hint: "Published" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Agreement – ${data.statement.title}` : "Agreement");

export async function loader({ context, params }: LoaderFunctionArgs) {
  // The text shown here is the one people endorse: store what the editors have typed first.
  await context.platform.collab.flush(requireId(params.statementId));
  return withDb(context, async (tx) => {
    const { strategy, can, statement } = await loadStatementFor(tx, context, params);
    // One transaction is one connection: its queries run one after another.
    const blocker = await agreementBlocker(tx, statement.id);
    const endorsements = await listEndorsements(tx, statement.id);
    const balance = can.isMember ? await statementBalance(tx, statement.id) : null;
    const moves = statusMoves(can, statement);
    return {
      path: `/strategies/${strategy.id}/statements/${statement.id}`,
      requireLivedExperience: strategy.requireLivedExperienceToAgree,
      statement: {
        id: statement.id,
        title: statement.title,
        status: statement.status,
        bodyJson: statement.bodyJson,
        hasText: statement.bodyText !== "",
        contentHash: statement.contentHash,
        archived: statement.archivedAt !== null,
      },
      blocker,
      // "Mark as agreed" is offered only when nothing blocks it; otherwise the page says why.
      moves: moves.filter((m) => m.to !== "agreed" || blocker === null),
      canAgreeNow: moves.some((m) => m.to === "agreed"),
      canEndorse: canEndorse(can, statement),
      endorsements,
      mine: endorsements.find((e) => e.userId === context.user?.id) ?? null,
      balance,
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await request.formData();
  const intent = formText(formData, "intent") ?? "";
  const { strategy, statement, moves, mayEndorse } = await withDb(context, async (tx) => {
    const loaded = await loadStatementFor(tx, context, params);
    authorize(loaded.actor, "write_statements", loaded.strategy);
    return { ...loaded, moves: statusMoves(loaded.can, loaded.statement), mayEndorse: canEndorse(loaded.can, loaded.statement) };
  });
  const here = `/strategies/${strategy.id}/statements/${statement.id}/agreement`;
  const { asUser, collab } = workflowFor(context);

  if (intent === "endorse") {
    authorizeStatementChange(mayEndorse, "There is no text to endorse yet.");
    const contentHash = formText(formData, "contentHash");
    if (!contentHash) throw new Response("The form did not say which text you read.", { status: 400 });
    const outcome = await endorseStatement(asUser, collab, {
      strategyId: strategy.id,
      statementId: statement.id,
      userId: user.id,
      contentHash,
    });
    if (outcome === "changed") return data({ endorseError: TEXT_CHANGED, statusError: null }, { status: 409 });
    return redirect(`${here}?done=endorsed`);
  }
  if (intent === "withdraw") {
    await withDb(context, (tx) => deleteMyEndorsements(tx, statement.id));
    return redirect(`${here}?done=withdrawn`);
  }
  const to = intent.replace(/^status-/, "");
  if (!intent.startsWith("status-") || !(STATEMENT_STATUSES as readonly string[]).includes(to)) {
    throw new Response("That action is not available on this page.", { status: 400 });
  }
  if (!moves.some((m) => m.to === to)) {
    // The page offered this move for the status it showed; if that has changed, someone got there first.
    if (formText(formData, "from") !== statement.status) return data({ endorseError: null, statusError: STATUS_MOVED }, { status: 409 });
    throw new Response("That change of status is not yours to make.", { status: 403 });
  }
  const result = await changeStatementStatus(asUser, collab, { statementId: statement.id, from: statement.status, to: to as StatementStatus });
  if (result.outcome === "blocked") {
    return data({ endorseError: null, statusError: agreementBlockerMessages[result.blocker] }, { status: 409 });
  }
  if (result.outcome === "not_allowed_now") return data({ endorseError: null, statusError: STATUS_MOVED }, { status: 409 });
  return redirect(`${here}?done=status-${to}`);
}

/** A move on towards publication, rather than back. */
const forward = (from: StatementStatus, to: StatementStatus) => STATEMENT_STATUSES.indexOf(to) > STATEMENT_STATUSES.indexOf(from);

function EndorsementText({ endorsement, path }: { endorsement: StatementEndorsement; path: string }) {
  if (endorsement.current) return <>endorsed the current text</>;
  if (endorsement.versionNumber !== null) {
    return (
      <>
        endorsed an earlier version (
        <Link className="govuk-link" to={`${path}/versions/${endorsement.versionId}`}>
          version {endorsement.versionNumber}
        </Link>
        ) — <strong>out of date</strong>
      </>
    );
  }
  return (
    <>
      endorsed an earlier text — <strong>out of date</strong>
    </>
  );
}

export default function StatementAgreement() {
  const { path, requireLivedExperience, statement, blocker, moves, canAgreeNow, canEndorse, endorsements, mine, balance } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = statementDoneMessages[params.get("done") ?? ""];
  const stepIndex = STEPS.findIndex((s) => s.status === statement.status);
  const currentCount = endorsements.filter((e) => e.current).length;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {done && !actionData ? <SuccessBanner>{done}</SuccessBanner> : null}

        <h2 className="govuk-heading-m">Status</h2>
        <p className="govuk-body">
          This statement is <StatementStatusTag status={statement.status} />. {statementStatusDescriptions[statement.status]}
        </p>
        <ul className="govuk-task-list" aria-label="Steps to agreeing this statement">
          {STEPS.map((step, i) => (
            <li className="govuk-task-list__item" key={step.status}>
              <div className="govuk-task-list__name-and-hint">
                <span className="govuk-body govuk-!-margin-bottom-0">{step.name}</span>
                <div className="govuk-task-list__hint">{step.hint}</div>
              </div>
              <div className="govuk-task-list__status">
                {i < stepIndex ? (
                  "Done"
                ) : i === stepIndex ? (
                  <strong className="govuk-tag govuk-tag--blue">Current step</strong>
                ) : (
                  <span className="govuk-task-list__status--cannot-start-yet">Not yet</span>
                )}
              </div>
            </li>
          ))}
        </ul>
        {requireLivedExperience && !(statement.status === "in_review" && blocker) ? (
          <p className="govuk-inset-text">
            Nothing about us without us: this strategy asks that a person with lived experience helps write each statement and
            endorses its current text before a facilitator can mark it agreed.
          </p>
        ) : null}
        {statement.status === "in_review" && blocker ? (
          <div className="govuk-warning-text" id="agreement-blocker">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <div className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              {canAgreeNow ? "You cannot mark this statement as agreed yet. " : "This statement cannot be agreed yet. "}
              {agreementBlockerMessages[blocker]}
            </div>
          </div>
        ) : null}
        {statement.status === "in_review" && !blocker && !canAgreeNow ? (
          <p className="govuk-body">Nothing stops it being agreed now: a facilitator can mark it as agreed.</p>
        ) : null}
        {actionData?.statusError ? (
          <p className="govuk-error-message" role="alert">
            <span className="govuk-visually-hidden">Error:</span> {actionData.statusError}
          </p>
        ) : null}
        {moves.length ? (
          <Form method="post" className="app-actions govuk-!-margin-bottom-8">
            <input type="hidden" name="from" value={statement.status} />
            {moves.map((m) => (
              <button
                key={m.intent}
                type="submit"
                name="intent"
                value={m.intent}
                className={`govuk-button${forward(statement.status, m.to) ? "" : " govuk-button--secondary"}`}
                data-module="govuk-button"
              >
                {m.label}
              </button>
            ))}
          </Form>
        ) : null}

        <h2 className="govuk-heading-m">Endorsements</h2>
        <p className="govuk-body">
          Endorsing says you agree with the text exactly as it is now. If anyone changes it afterwards, your endorsement is
          marked out of date and you can read the new text and endorse again.
        </p>
        {statement.hasText ? (
          <section className="app-endorse-text" aria-labelledby="current-text-heading">
            <h3 className="govuk-heading-s" id="current-text-heading">
              The current text
            </h3>
            <StatementBodyView body={statement.bodyJson} />
          </section>
        ) : (
          <p className="govuk-inset-text">There is no text to endorse yet.</p>
        )}
        {canEndorse ? (
          <div className={`govuk-form-group${actionData?.endorseError ? " govuk-form-group--error" : ""}`}>
            {mine?.current ? (
              <p className="govuk-body">
                You endorsed the current text on{" "}
                <time dateTime={new Date(mine.createdAt).toISOString()}>{formatDateTime(mine.createdAt)}</time>.
              </p>
            ) : mine ? (
              <p className="govuk-body">
                You endorsed an earlier text, so your endorsement is out of date. Read the current text, then endorse it if you
                still agree.
              </p>
            ) : null}
            {actionData?.endorseError ? (
              <p className="govuk-error-message" id="endorse-error" role="alert">
                <span className="govuk-visually-hidden">Error:</span> {actionData.endorseError}
              </p>
            ) : null}
            <Form method="post" className="app-actions">
              <input type="hidden" name="contentHash" value={statement.contentHash} />
              {!mine?.current ? (
                <button
                  type="submit"
                  name="intent"
                  value="endorse"
                  className="govuk-button"
                  data-module="govuk-button"
                  aria-describedby={actionData?.endorseError ? "endorse-error" : undefined}
                >
                  Endorse the current text
                </button>
              ) : null}
              {mine ? (
                <button type="submit" name="intent" value="withdraw" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                  Withdraw my endorsement
                </button>
              ) : null}
            </Form>
          </div>
        ) : null}
        {endorsements.length ? (
          <div className="app-table-scroll" role="region" aria-label="Endorsements" tabIndex={0}>
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--s">
                {currentCount} of {endorsements.length} {endorsements.length === 1 ? "endorsement is" : "endorsements are"} of the
                current text
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Who
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Role
                  </th>
                  <th scope="col" className="govuk-table__header">
                    When
                  </th>
                  <th scope="col" className="govuk-table__header">
                    What they endorsed
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {endorsements.map((e) => (
                  <tr className={`govuk-table__row${e.current ? "" : " app-endorsement--out-of-date"}`} key={e.userId}>
                    <td className="govuk-table__cell">{e.name}</td>
                    <td className="govuk-table__cell">{roleGroupSingularLabels[e.roleGroup]}</td>
                    <td className="govuk-table__cell">
                      <time dateTime={new Date(e.createdAt).toISOString()}>{formatDateTime(e.createdAt)}</time>
                    </td>
                    <td className="govuk-table__cell">
                      <EndorsementText endorsement={e} path={path} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="govuk-body">No one has endorsed this statement yet.</p>
        )}

      </div>
      {balance ? (
        <section className="govuk-grid-column-full" aria-labelledby="balance-heading">
          <h2 className="govuk-heading-m govuk-!-margin-top-6" id="balance-heading">
            Who shaped this statement
          </h2>
          <p className="govuk-body app-measure">
            The writing is measured from what each person really typed in the editor, counted for their role. Only members can
            see this.
          </p>
          <CoProductionBalance rows={balance} id="statement-balance" caption="Who shaped this statement, by role group" />
        </section>
      ) : null}
    </div>
  );
}
