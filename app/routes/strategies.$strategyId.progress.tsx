import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Triangulation } from "~/components/evidence";
import { Paragraphs } from "~/components/paragraphs";
import { MeasureProgress, SignedOffTable } from "~/components/progress";
import { evidenceCategoryLabels, evidenceKindLabels } from "~/domain/evidence";
import { responsiblePartyLabels } from "~/domain/responsible-parties";
import { getStrategy } from "~/models/strategies.server";
import { loadProgress } from "~/models/progress.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { notFound, requireId, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Progress – ${data.progress?.strategy.title ?? data.title}` : "Progress");

export async function loader({ context, params }: LoaderFunctionArgs) {
  const strategyId = requireId(params.strategyId);
  // The guarantee of this page: it ALWAYS reads as a visitor who has not signed in (anon), even
  // when a member is signed in, so Row Level Security lets it show only what the public may see
  // (agreed commitments, verified evidence with consent to publish) and never a member's view.
  const progress = await context.platform.db.asUser(null, (tx) => loadProgress(tx, strategyId));
  if (progress) return { progress, title: progress.strategy.title };
  // Not public. Someone who may read it (a member) is told so; to anyone else it does not exist.
  const strategy = await withDb(context, (tx) => getStrategy(tx, strategyId));
  if (!strategy) throw notFound("No such strategy");
  return { progress: null, title: strategy.title };
}

export default function PublicProgress() {
  const { progress, title } = useLoaderData<typeof loader>();
  if (!progress) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Progress</h1>
          <p className="govuk-body">
            {title} is private, so its progress is not published. Only its members can see it, on the strategy’s own pages.
          </p>
          <p className="govuk-body">A facilitator can make the strategy public in its settings.</p>
        </div>
      </div>
    );
  }
  const { strategy, latestPublication, priorities } = progress;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Progress</h1>
        <p className="govuk-body-l">
          How {strategy.title} is going: what partners have agreed to do, how the measures are moving and the evidence behind
          them.
        </p>
        <p className="govuk-body">
          This page shows only what anyone may see: commitments that every organisation asked has signed off, and evidence
          an evaluator has verified. A person’s story is shown only if they agreed to its publication.
        </p>
        {latestPublication ? (
          <div className="govuk-inset-text" id="latest-publication">
            <p className="govuk-body">
              The latest published version is{" "}
              <Link className="govuk-link" to={`/strategies/${strategy.id}/published/${latestPublication.number}`}>
                version {latestPublication.number}
              </Link>
              , published on {formatDateTime(latestPublication.publishedAt)}.
            </p>
            {latestPublication.overrideReason ? (
              <p className="govuk-body">
                It was published before every commitment was agreed ({latestPublication.commitmentsAgreed} of{" "}
                {latestPublication.commitmentsTotal}). The reason given: {latestPublication.overrideReason}
              </p>
            ) : (
              <p className="govuk-body">Every commitment was agreed when it was published.</p>
            )}
          </div>
        ) : (
          <p className="govuk-body">No version of this strategy has been published yet.</p>
        )}

        {priorities.map((p) => (
          <section key={p.id} aria-labelledby={`priority-${p.id}`} className="govuk-!-margin-top-8 app-progress-priority">
            <h2 className="govuk-heading-l" id={`priority-${p.id}`}>
              Priority {p.number}: {p.title}
            </h2>
            {p.summary ? <p className="govuk-body">{p.summary}</p> : null}

            <h3 className="govuk-heading-m">Agreed commitments</h3>
            {p.commitments.length ? (
              p.commitments.map((c) => (
                <section key={c.id} className="app-card" aria-labelledby={`commitment-${c.id}`}>
                  <h4 className="govuk-heading-s" id={`commitment-${c.id}`}>
                    {c.text}
                  </h4>
                  <dl className="govuk-summary-list govuk-summary-list--no-border app-summary-list--compact">
                    {[
                      ["Who is responsible", c.responsibleParties.map((r) => responsiblePartyLabels[r]).join(", ") || "No one named"],
                      ["Lead organisation", c.leadOrganisationName ?? "No lead organisation"],
                      ["Due date", c.dueDate ? formatDate(c.dueDate) : "No due date"],
                    ].map(([key, value]) => (
                      <div className="govuk-summary-list__row" key={key}>
                        <dt className="govuk-summary-list__key">{key}</dt>
                        <dd className="govuk-summary-list__value">{value}</dd>
                      </div>
                    ))}
                  </dl>
                  <SignedOffTable caption={`Who signed off revision ${c.revision}`} signOffs={c.signOffs} />
                </section>
              ))
            ) : (
              <p className="govuk-body">No commitment under this priority has been agreed yet.</p>
            )}

            <h3 className="govuk-heading-m">Measures</h3>
            {p.measures.length ? (
              p.measures.map((m) => <MeasureProgress key={m.id} measure={m} within={p.id} />)
            ) : (
              <p className="govuk-body">No measure shows progress on this priority yet.</p>
            )}

            <h3 className="govuk-heading-m">Evidence</h3>
            <Triangulation counts={p.triangulation} />
            {p.evidence.length ? (
              <>
                <ul className="govuk-list app-progress-evidence">
                  {p.evidence.map((e) => (
                    <li key={e.id} className="app-card">
                      <span className="govuk-body-s app-muted govuk-!-display-block govuk-!-margin-bottom-1">
                        {evidenceKindLabels[e.kind]} · {evidenceCategoryLabels[e.category]} · {formatDate(e.evidenceDate)}
                      </span>
                      <h4 className="govuk-heading-s govuk-!-margin-bottom-2">{e.title}</h4>
                      {e.body ? <Paragraphs text={e.body} /> : null}
                      <p className="govuk-body-s app-muted govuk-!-margin-bottom-0">Source: {e.source}</p>
                    </li>
                  ))}
                </ul>
                {p.evidenceTotal > p.evidence.length ? (
                  <p className="govuk-body">
                    The {p.evidence.length} most recent of {p.evidenceTotal} pieces of evidence are shown.
                  </p>
                ) : null}
              </>
            ) : (
              <p className="govuk-body">No verified evidence has been published for this priority yet.</p>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
