import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { staleWords } from "~/domain/sign-off";
import { listOrganisations, organisationLabel } from "~/models/organisations.server";
import { listWaitingForMe, type WaitingItem } from "~/models/sign-off.server";
import { authorize, signatoryOrganisationIds } from "~/policies/strategy";
import { formatDateTime } from "~/utils/dates";
import { requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction = () => pageTitle("Waiting for your organisation");

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  return withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "read_sign_off", strategy);
    const mine = signatoryOrganisationIds(actor);
    const items = mine.length ? await listWaitingForMe(tx, strategy.id) : [];
    const directory = mine.length ? await listOrganisations(tx) : [];
    // Every organisation the person signs for gets a heading, even with nothing waiting.
    const groups = directory
      .filter((o) => mine.includes(o.id))
      .map((o) => ({ id: o.id, label: organisationLabel(o), items: items.filter((i) => i.organisationId === o.id) }));
    return { strategyId: strategy.id, isSignatory: mine.length > 0, groups };
  });
}

/** A waiting item as the loader sends it (its date as a string). */
type WaitingView = Omit<WaitingItem, "requestedAt"> & { requestedAt: string | Date };

function WaitingCommitment({ strategyId, item }: { strategyId: string; item: WaitingView }) {
  const path = `/strategies/${strategyId}/commitments/${item.commitmentId}`;
  return (
    <li className="app-commitment-summary">
      <span className="govuk-caption-s">
        Priority {item.priorityNumber}: {item.priorityTitle}
      </span>
      <p className="govuk-body govuk-!-margin-bottom-1 app-break-anywhere">
        <Link className="govuk-link govuk-!-font-weight-bold" to={`${path}/sign-off?organisation=${item.organisationId}`}>
          {item.commitmentText}
        </Link>
      </p>
      <p className="govuk-body-s govuk-!-margin-bottom-0">
        Revision {item.currentRevision}, asked on {formatDateTime(item.requestedAt)}.
        {item.decidedRevision !== null ? (
          <>
            {" "}
            {item.organisationShortName} {staleWords(item.decidedRevision, item.currentRevision)}, so its decision is out of date —{" "}
            <Link className="govuk-link" to={`${path}/revisions?from=${item.decidedRevision}&to=${item.currentRevision}`}>
              see what changed
              <span className="govuk-visually-hidden">
                {" "}
                from revision {item.decidedRevision} to revision {item.currentRevision}
              </span>
            </Link>
            .
          </>
        ) : null}
      </p>
    </li>
  );
}

/** A signatory's to-do list: the commitments waiting for a decision from each organisation they sign for. */
export default function WaitingForYourOrganisation() {
  const { strategyId, isSignatory, groups } = useLoaderData<typeof loader>();
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Breadcrumbs items={[{ to: `/strategies/${strategyId}/sign-off`, label: "Sign-off" }]} />
        <h1 className="govuk-heading-l">Waiting for your organisation</h1>
        {!isSignatory ? (
          <p className="govuk-body">
            This list is for designated signatories: it shows the commitments waiting for their organisation’s decision. You are not a
            signatory for any organisation in this strategy. A facilitator names each organisation’s signatories on the Members page.
          </p>
        ) : (
          <>
            <p className="govuk-body">
              {total
                ? `${total} ${total === 1 ? "commitment is" : "commitments are"} waiting for a decision you can record. Each decision is for the revision you read; if a commitment changes afterwards, you will be asked again.`
                : "Nothing is waiting for a decision from your organisation."}
            </p>
            {groups.map((group) => (
              <section key={group.id} aria-labelledby={`waiting-${group.id}`} className="govuk-!-margin-bottom-8">
                <h2 className="govuk-heading-m" id={`waiting-${group.id}`}>
                  {group.label}{" "}
                  <span className="app-muted govuk-!-font-weight-regular">({group.items.length} waiting)</span>
                </h2>
                {group.items.length ? (
                  <ul className="app-commitment-list">
                    {group.items.map((item) => (
                      <WaitingCommitment key={item.commitmentId} strategyId={strategyId} item={item} />
                    ))}
                  </ul>
                ) : (
                  <p className="govuk-body">Nothing is waiting for this organisation.</p>
                )}
              </section>
            ))}
          </>
        )}
      </div>
    </div>
  );
}
