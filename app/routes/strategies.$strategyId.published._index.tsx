import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { UNSEEN_ACTOR_NAME } from "~/domain/audit";
import { publicationAgreementWords } from "~/domain/publication";
import { listPublications } from "~/models/publications.server";
import { formatDateTime } from "~/utils/dates";
import { withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Published versions – ${data.strategy.title}` : "Published versions");

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy, can } = await loadStrategyFor(tx, context, params.strategyId);
    const publications = await listPublications(tx, strategy.id);
    return {
      strategy: { id: strategy.id, title: strategy.title, isPublic: strategy.visibility === "public" },
      canPublish: can.canPublish,
      publications,
    };
  });
}

export default function PublishedVersions() {
  const { strategy, canPublish, publications } = useLoaderData<typeof loader>();
  const strategyPath = `/strategies/${strategy.id}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Breadcrumbs items={[{ to: strategyPath, label: "Priorities" }]} />
        <h1 className="govuk-heading-l">Published versions</h1>
        <p className="govuk-body">
          Each published version is a copy of the strategy as it was on the day: its priorities, its commitments and who
          signed them off, and its agreed statements. A published version never changes.
        </p>
        {strategy.isPublic ? (
          <p className="govuk-body">
            How it is going now, as anyone can see it:{" "}
            <Link className="govuk-link" to={`${strategyPath}/progress`}>
              the strategy’s progress
            </Link>
            .
          </p>
        ) : null}
        {canPublish ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={`${strategyPath}/publish`}>
              Publish a new version
            </Link>
          </p>
        ) : null}
      </div>
      <div className="govuk-grid-column-full">
        {publications.length ? (
          <div className="app-table-scroll" role="region" aria-labelledby="published-caption" tabIndex={0}>
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--m" id="published-caption">
                Published versions, newest first
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Version
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Published
                  </th>
                  <th scope="col" className="govuk-table__header">
                    By
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Agreement
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {publications.map((p) => (
                  <tr className="govuk-table__row" key={p.id}>
                    <th scope="row" className="govuk-table__header">
                      <Link className="govuk-link" to={`${strategyPath}/published/${p.number}`}>
                        Version {p.number}
                      </Link>
                    </th>
                    <td className="govuk-table__cell">
                      <time dateTime={p.publishedAt}>{formatDateTime(p.publishedAt)}</time>
                    </td>
                    <td className="govuk-table__cell">{p.publishedByName || UNSEEN_ACTOR_NAME}</td>
                    <td className="govuk-table__cell">{publicationAgreementWords(p)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="govuk-body">No version of this strategy has been published yet.</p>
        )}
      </div>
    </div>
  );
}
