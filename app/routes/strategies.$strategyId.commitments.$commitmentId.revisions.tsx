import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { CommitmentBreadcrumbs, shortText } from "~/components/commitment";
import { CompareForm, DifferenceKey, TextDifference } from "~/components/statement-versions";
import { responsiblePartyLabels, type ResponsibleParty } from "~/domain/responsible-parties";
import { compareTexts, describeComparison } from "~/domain/statement-diff";
import { listRevisions, type CommitmentRevision } from "~/models/commitment-revisions.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { notFound, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadCommitmentFor, priorityHeadingFor } from "~/utils/commitment-route.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Revisions – ${shortText(data.commitment.text)}` : "Revisions");

/** A revision number from the address: absent means "the default", anything else must exist. */
function chosenRevision(value: string | null, revisions: CommitmentRevision[]): CommitmentRevision | undefined {
  if (value === null || value === "") return undefined;
  const found = /^\d+$/.test(value) ? revisions.find((r) => r.number === Number(value)) : undefined;
  if (!found) throw notFound("No such revision of this commitment");
  return found;
}

const partiesWords = (parties: ResponsibleParty[]) => parties.map((p) => responsiblePartyLabels[p]).join(", ") || "No one named";
const leadWords = (r: CommitmentRevision) => r.leadOrganisationName ?? "No lead organisation";
const dueWords = (r: CommitmentRevision) => (r.dueDate ? formatDate(r.dueDate) : "No due date");

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return withDb(context, async (tx) => {
    const { strategy, commitment } = await loadCommitmentFor(tx, context, params);
    const revisions = await listRevisions(tx, strategy.id, commitment.id);

    // By default, the latest revision against the one before it.
    const to = chosenRevision(url.searchParams.get("to"), revisions) ?? revisions[0];
    const from =
      chosenRevision(url.searchParams.get("from"), revisions) ?? revisions.find((r) => r.number === to.number - 1) ?? to;
    const wording = compareTexts(from.text, to.text);
    const sameParties =
      from.responsibleParties.length === to.responsibleParties.length &&
      from.responsibleParties.every((p) => to.responsibleParties.includes(p));
    return {
      strategyId: strategy.id,
      commitment: { id: commitment.id, text: commitment.text, priorityId: commitment.priorityId },
      priorityHeading: await priorityHeadingFor(tx, commitment),
      revisions: revisions.map((r) => ({ number: r.number, authorName: r.authorName, createdAt: r.createdAt, contentHash: r.contentHash })),
      comparison:
        from.number === to.number
          ? null
          : {
              from: from.number,
              to: to.number,
              wording: { parts: wording.parts, summary: describeComparison(wording), changed: wording.changed },
              fields: [
                { name: "Who is responsible", before: partiesWords(from.responsibleParties), after: partiesWords(to.responsibleParties), changed: !sameParties },
                { name: "Lead organisation", before: leadWords(from), after: leadWords(to), changed: from.leadOrganisationId !== to.leadOrganisationId },
                { name: "Due date", before: dueWords(from), after: dueWords(to), changed: from.dueDate !== to.dueDate },
              ],
            },
    };
  });
}

/** The start of a content hash: enough to tell revisions apart by eye. */
const shortHash = (hash: string) => hash.slice(0, 12);

export default function CommitmentRevisions() {
  const { strategyId, commitment, priorityHeading, revisions, comparison } = useLoaderData<typeof loader>();
  const strategyPath = `/strategies/${strategyId}`;
  const commitmentPath = `${strategyPath}/commitments/${commitment.id}`;
  const latest = revisions[0];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <CommitmentBreadcrumbs strategyId={strategyId} commitment={commitment} priorityHeading={priorityHeading} />
        <span className="govuk-caption-l">{shortText(commitment.text)}</span>
        <h1 className="govuk-heading-l">Revisions of this commitment</h1>
        <p className="govuk-body">
          Every change to the wording, who is responsible, the lead organisation or the due date makes a new revision. An
          organisation signs off one revision: when a later one is made, its decision is out of date and it is asked again.
          The content hash identifies exactly what was signed.
        </p>

        {comparison ? (
          <section aria-labelledby="comparison-heading" className="govuk-!-margin-bottom-8">
            <h2 className="govuk-heading-m" id="comparison-heading">
              What changed from revision {comparison.from} to revision {comparison.to}
            </h2>
            <dl className="govuk-summary-list">
              <Row name="Wording">
                <p className="govuk-body" id="wording-summary">
                  {comparison.wording.summary}
                </p>
                {comparison.wording.changed ? (
                  <>
                    <DifferenceKey />
                    <TextDifference parts={comparison.wording.parts} />
                  </>
                ) : null}
              </Row>
              {comparison.fields.map((field) => (
                <Row key={field.name} name={field.name}>
                  {field.changed ? (
                    <p className="govuk-body govuk-!-margin-bottom-0">
                      <del className="app-diff__removed">
                        <span className="govuk-visually-hidden">Before: </span>
                        {field.before}
                      </del>{" "}
                      <span aria-hidden="true">→</span>{" "}
                      <ins className="app-diff__added">
                        <span className="govuk-visually-hidden">After: </span>
                        {field.after}
                      </ins>
                    </p>
                  ) : (
                    <p className="govuk-body govuk-!-margin-bottom-0">Not changed: {field.after}</p>
                  )}
                </Row>
              ))}
            </dl>
          </section>
        ) : (
          <p className="govuk-inset-text">
            {revisions.length === 1
              ? "This commitment has one revision so far, so there is nothing to compare yet."
              : "You chose the same revision twice: choose two different revisions to see what changed."}
          </p>
        )}

        {revisions.length > 1 ? (
          <CompareForm
            action={`${commitmentPath}/revisions`}
            legend="Compare two revisions"
            options={revisions.map((r) => ({ value: String(r.number), label: `Revision ${r.number}${r === latest ? " (current)" : ""}` }))}
            from={String(comparison?.from ?? latest.number)}
            to={String(comparison?.to ?? latest.number)}
          />
        ) : null}

        <h2 className="govuk-heading-m govuk-!-margin-top-8">All revisions</h2>
        <div className="app-table-scroll" role="region" aria-label="All revisions" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s">Revisions of this commitment, newest first</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Revision
                </th>
                <th scope="col" className="govuk-table__header">
                  Made by
                </th>
                <th scope="col" className="govuk-table__header">
                  When
                </th>
                <th scope="col" className="govuk-table__header">
                  Content hash (start)
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {revisions.map((r) => (
                <tr className="govuk-table__row" key={r.number}>
                  <th scope="row" className="govuk-table__header">
                    Revision {r.number}
                    {r === latest ? " (current)" : ""}
                  </th>
                  <td className="govuk-table__cell">{r.authorName}</td>
                  <td className="govuk-table__cell">
                    <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
                  </td>
                  <td className="govuk-table__cell">
                    <code>{shortHash(r.contentHash)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

function Row({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{name}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}
