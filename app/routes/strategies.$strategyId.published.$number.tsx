import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { InfoBanner, SuccessBanner } from "~/components/banner";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Paragraphs } from "~/components/paragraphs";
import { SignOffStateTag } from "~/components/sign-off-tag";
import { UNSEEN_ACTOR_NAME } from "~/domain/audit";
import { publicationSnapshotSchema, type SnapshotCommitment, type SnapshotSignOff } from "~/domain/publication";
import { RESPONSIBLE_PARTIES, responsiblePartyLabels, type ResponsibleParty } from "~/domain/responsible-parties";
import { staleWords } from "~/domain/sign-off";
import { statementKindLabels } from "~/domain/statements";
import { getPublication } from "~/models/publications.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { notFound, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Published version ${data.publication.number} – ${data.snapshot.strategy.title}` : "Published version");

export async function loader({ context, params }: LoaderFunctionArgs) {
  if (!/^\d{1,9}$/.test(params.number ?? "")) throw notFound("No such published version");
  return withDb(context, async (tx) => {
    const { strategy } = await loadStrategyFor(tx, context, params.strategyId);
    const found = await getPublication(tx, strategy.id, Number(params.number));
    if (!found) throw notFound("No such published version");
    const { snapshot, ...publication } = found;
    const parsed = publicationSnapshotSchema.safeParse(snapshot);
    if (!parsed.success) throw new Response("This published version could not be read.", { status: 500 });
    return { strategyId: strategy.id, publication, snapshot: parsed.data };
  });
}

const isResponsibleParty = (value: string): value is ResponsibleParty => (RESPONSIBLE_PARTIES as readonly string[]).includes(value);

const partiesWords = (parties: string[]) =>
  parties.map((p) => (isResponsibleParty(p) ? responsiblePartyLabels[p] : p.replaceAll("_", " "))).join(", ") || "No one named";

export default function PublishedVersion() {
  const { strategyId, publication, snapshot } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const strategyPath = `/strategies/${strategyId}`;
  const by = publication.publishedByName || UNSEEN_ACTOR_NAME;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Breadcrumbs
          items={[
            { to: strategyPath, label: "Priorities" },
            { to: `${strategyPath}/published`, label: "Published versions" },
          ]}
        />
        {params.get("done") === "published" ? <SuccessBanner>Version {publication.number} published.</SuccessBanner> : null}
        <InfoBanner title="Published version">
          <p className="govuk-notification-banner__heading" id="published-banner">
            Published version {publication.number}, {formatDateTime(publication.publishedAt)} by {by}; this version does
            not change.
          </p>
          <p className="govuk-body">It is a copy of the strategy as it was then. The strategy itself may have changed since.</p>
        </InfoBanner>

        <span className="govuk-caption-l">Version {publication.number}</span>
        <h1 className="govuk-heading-l">{snapshot.strategy.title}</h1>
        {snapshot.strategy.summary ? <p className="govuk-body-l">{snapshot.strategy.summary}</p> : null}

        {publication.overrideReason ? (
          <div className="govuk-inset-text" id="override-reason">
            <h2 className="govuk-heading-m">Published before every commitment was agreed</h2>
            <p className="govuk-body">
              {publication.commitmentsAgreed} of {publication.commitmentsTotal}{" "}
              {publication.commitmentsTotal === 1 ? "commitment was" : "commitments were"} agreed. The reason {by} gave:
            </p>
            <blockquote className="govuk-body govuk-!-font-weight-bold">{publication.overrideReason}</blockquote>
          </div>
        ) : (
          <p className="govuk-body">
            Every commitment was agreed: each organisation asked had endorsed its revision when this version was published.
          </p>
        )}

        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Content hash</dt>
            <dd className="govuk-summary-list__value">
              <code className="app-copy-box govuk-!-display-block">{publication.contentHash}</code>
              <span className="govuk-hint govuk-!-margin-bottom-0">The SHA-256 of this version’s contents, to show it has not changed.</span>
            </dd>
          </div>
        </dl>

        {snapshot.priorities.map((priority, i) => (
          <section key={priority.id} aria-labelledby={`priority-${priority.id}`} className="govuk-!-margin-top-8">
            <h2 className="govuk-heading-l" id={`priority-${priority.id}`}>
              Priority {i + 1}: {priority.title}
            </h2>
            {priority.summary ? <p className="govuk-body">{priority.summary}</p> : null}
            {priority.commitments.length ? (
              priority.commitments.map((c, n) => <PublishedCommitment key={c.id} commitment={c} number={n + 1} />)
            ) : (
              <p className="govuk-body">This priority had no commitments.</p>
            )}
          </section>
        ))}

        <h2 className="govuk-heading-l govuk-!-margin-top-8">Agreed statements</h2>
        {snapshot.statements.length ? (
          snapshot.statements.map((s) => (
            <section key={s.id} aria-labelledby={`statement-${s.id}`} className="app-card">
              <span className="govuk-caption-m">{statementKindLabels[s.kind]}</span>
              <h3 className="govuk-heading-s" id={`statement-${s.id}`}>
                {s.title}
              </h3>
              <Paragraphs text={s.text} />
            </section>
          ))
        ) : (
          <p className="govuk-body">No statement was agreed when this version was published.</p>
        )}
      </div>
    </div>
  );
}

/** One commitment as published, with who signed it off. */
function PublishedCommitment({ commitment: c, number }: { commitment: SnapshotCommitment; number: number }) {
  const headingId = `commitment-${c.id}`;
  return (
    <section className="app-card" aria-labelledby={headingId}>
      <span className="govuk-caption-m">Commitment {number}</span>
      <h3 className="govuk-heading-m" id={headingId}>
        {c.text}
      </h3>
      <dl className="govuk-summary-list govuk-summary-list--no-border app-summary-list--compact">
        {[
          ["Agreed", c.agreed ? "Yes: every organisation asked endorsed this revision" : "No"],
          ["Revision", String(c.revision)],
          ["Who is responsible", partiesWords(c.responsible_parties)],
          ["Lead organisation", c.lead_organisation ?? "No lead organisation"],
          ["Due date", c.due_date ? formatDate(c.due_date) : "No due date"],
        ].map(([key, value]) => (
          <div className="govuk-summary-list__row" key={key}>
            <dt className="govuk-summary-list__key">{key}</dt>
            <dd className="govuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      {c.sign_offs.length ? (
        <div className="app-table-scroll" role="region" aria-labelledby={`${headingId}-sign-off`} tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s" id={`${headingId}-sign-off`}>
              Sign-off of commitment {number}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Organisation
                </th>
                <th scope="col" className="govuk-table__header">
                  Sign-off
                </th>
                <th scope="col" className="govuk-table__header">
                  Conditions or reason
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {c.sign_offs.map((s) => (
                <tr className="govuk-table__row" key={s.organisation}>
                  <th scope="row" className="govuk-table__header">
                    {s.organisation}
                  </th>
                  <td className="govuk-table__cell">
                    <SignOffStateTag state={s.state} />
                    <span className="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">
                      <SignedBy signOff={s} />
                      {s.state === "stale" && s.revision !== null ? ` (${staleWords(s.revision, c.revision)})` : null}
                    </span>
                  </td>
                  <td className="govuk-table__cell">{s.conditions ?? s.reason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="govuk-body">No organisation was asked to sign this commitment off.</p>
      )}
    </section>
  );
}

/** "Signed by Dev Sharma, 29 November 2026 at 8:21pm, on revision 1", or "Not signed". */
function SignedBy({ signOff: s }: { signOff: SnapshotSignOff }) {
  if (!s.signed_at) return <>Not signed</>;
  return (
    <>
      Signed by {s.signed_by_name || UNSEEN_ACTOR_NAME}, <time dateTime={s.signed_at}>{formatDateTime(s.signed_at)}</time>
      {s.revision !== null ? `, on revision ${s.revision}` : ""}
    </>
  );
}
