import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { SuccessBanner } from "~/components/banner";
import { CoProductionBalance } from "~/components/co-production-balance";
import { ContextFigures, figureDoneMessages } from "~/components/context-figures";
import { JoinedBanner } from "~/components/joined-banner";
import { ArchivedItems, MoveAndArchiveForm } from "~/components/structure-actions";
import { listMyRoles } from "~/models/members.server";
import { listPublications } from "~/models/publications.server";
import { strategyBalance } from "~/models/statement-contributions.server";
import { listContextFigures, listPriorities } from "~/models/priorities.server";
import { authorize } from "~/policies/strategy";
import { archivePriority, movePriority, restorePriority } from "~/services/structure.server";
import { formatDateTime } from "~/utils/dates";
import { notFound, requireId, requireUser, withDb } from "~/utils/http.server";
import { formText, readIntent } from "~/utils/intent.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

const INTENTS = ["move-up", "move-down", "archive", "restore"] as const;

const doneMessages: Record<string, string> = {
  created: "Strategy started. You are its facilitator: add priorities and invite people.",
  "moved-up": "Priority moved up.",
  "moved-down": "Priority moved down.",
  archived: "Priority archived. It is listed under “Archived priorities”, where you can restore it.",
  restored: "Priority restored to its old place.",
  ...figureDoneMessages,
};

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.strategy.title ?? "Strategy");

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy, can } = await loadStrategyFor(tx, context, params.strategyId);
    const priorities = await listPriorities(tx, strategy.id, { includeArchived: can.canEditStructure });
    const figures = await listContextFigures(tx, strategy.id, null);
    // Who wrote what is for members only (RLS hides it from everyone else anyway).
    const balance = can.isMember ? await strategyBalance(tx, strategy.id) : null;
    // Just accepted an invitation (invitations.$token): say which roles it gave.
    const joinedAs = new URL(request.url).searchParams.has("joined") ? await listMyRoles(tx, strategy.id) : null;
    const [latestPublication] = await listPublications(tx, strategy.id);
    const published = latestPublication ? { number: latestPublication.number, publishedAt: latestPublication.publishedAt } : null;
    return { strategy, can, priorities, figures, joinedAs, balance, published };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const intent = readIntent(formData, INTENTS);
  const priorityId = requireId(formText(formData, "priorityId"));
  return withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "edit_structure", strategy);
    const here = `/strategies/${strategy.id}`;
    const anchor = `#priority-${priorityId}`;
    switch (intent) {
      case "move-up":
      case "move-down": {
        const outcome = await movePriority(tx, strategy.id, priorityId, intent === "move-up" ? "up" : "down");
        if (outcome === "not_found") throw notFound("No such priority");
        return redirect(outcome === "moved" ? `${here}?done=${intent === "move-up" ? "moved-up" : "moved-down"}${anchor}` : here + anchor);
      }
      case "archive":
        if (!(await archivePriority(tx, strategy.id, priorityId))) throw notFound("No such priority");
        return redirect(`${here}?done=archived`);
      case "restore":
        if (!(await restorePriority(tx, strategy.id, priorityId))) throw notFound("No such priority");
        return redirect(`${here}?done=restored${anchor}`);
    }
  });
}

export default function StrategyOverview() {
  const { strategy, can, priorities, figures, joinedAs, balance, published } = useLoaderData<typeof loader>();
  const current = priorities.filter((p) => !p.archivedAt);
  const archived = priorities.filter((p) => p.archivedAt);
  const [params] = useSearchParams();
  const done = doneMessages[params.get("done") ?? (params.get("created") ? "created" : "")];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {done ? <SuccessBanner>{done}</SuccessBanner> : null}
        {joinedAs ? <JoinedBanner roles={joinedAs} /> : null}
        <h1 className="govuk-heading-xl">Priorities</h1>
        {strategy.summary ? <p className="govuk-body-l">{strategy.summary}</p> : null}
        {published ? (
          <p className="govuk-body" id="latest-published">
            Version {published.number} of this strategy was published on {formatDateTime(published.publishedAt)}.{" "}
            <Link className="govuk-link" to="published">
              Published versions
            </Link>
          </p>
        ) : null}
        <p className="govuk-body" id="progress-links">
          {strategy.visibility === "public" ? (
            <>
              <Link className="govuk-link" to="progress">
                Progress, as the public sees it
              </Link>{" "}
              ·{" "}
            </>
          ) : null}
          <Link className="govuk-link" to="report">
            Printable status report
          </Link>
        </p>
        <ContextFigures figures={figures} caption="Where are we now" editable={can.canEditStructure} />
        {can.canEditStructure ? (
          <Link to="priorities/new" className="govuk-button govuk-button--secondary">
            Add a priority
          </Link>
        ) : null}
        {current.length ? (
          <ol className="govuk-list app-priority-list">
            {current.map((p, i) => (
              <li key={p.id} id={`priority-${p.id}`} className="app-card">
                <h2 className="govuk-heading-m govuk-!-margin-bottom-2">
                  <Link className="govuk-link" to={`priorities/${p.id}`}>
                    <span className="govuk-visually-hidden">Priority </span>
                    {i + 1}. {p.title}
                  </Link>
                </h2>
                <p className="govuk-body">{p.summary}</p>
                <p className="govuk-body-s govuk-!-margin-bottom-0">
                  {p.commitmentCount} {p.commitmentCount === 1 ? "commitment" : "commitments"}
                </p>
                {can.canEditStructure ? (
                  <MoveAndArchiveForm
                    idField="priorityId"
                    id={p.id}
                    name={p.title}
                    index={i}
                    count={current.length}
                    className="app-actions govuk-!-margin-top-4 govuk-!-margin-bottom-0"
                  />
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="govuk-body">This strategy has no priorities yet.</p>
        )}
        {archived.length ? (
          <ArchivedItems
            heading="Archived priorities"
            kind="priority"
            items={archived.map((p) => ({ id: p.id, name: p.title, to: `priorities/${p.id}` }))}
            formClassName="app-actions govuk-!-margin-bottom-0"
          />
        ) : null}
      </div>
      {balance ? (
        <section aria-labelledby="balance-heading" className="govuk-grid-column-full govuk-!-margin-top-6">
          <h2 className="govuk-heading-l" id="balance-heading">
            Co-production balance across all statements
          </h2>
          <p className="govuk-body app-measure">
            Who shaped this strategy’s statements, by role: the writing is measured from what each person really typed in the
            editor. Only members can see this.
          </p>
          <CoProductionBalance rows={balance} id="strategy-balance" caption="Co-production across all statements, by role group" />
        </section>
      ) : null}
    </div>
  );
}
