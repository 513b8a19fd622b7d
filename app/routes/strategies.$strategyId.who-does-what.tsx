import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RESPONSIBLE_PARTIES, responsiblePartyLabels, type ResponsibleParty } from "~/domain/responsible-parties";
import { commitmentStatusLabels, commitmentStatusTagClass } from "~/domain/strategy";
import { listCommitmentsForStrategy, type Commitment } from "~/models/commitments.server";
import { formatDate } from "~/utils/dates";
import { withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Who does what – ${data.strategy.title}` : "Who does what");

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy } = await loadStrategyFor(tx, context, params.strategyId);
    const commitments = await listCommitmentsForStrategy(tx, strategy.id);
    return { strategy, commitments };
  });
}

const NO_LEAD = "none";

/** Commitments by lead organisation, organisations in alphabetical order, those without a lead last. */
function byLeadOrganisation(commitments: Commitment[]) {
  const groups = new Map<string, { id: string; name: string; commitments: Commitment[] }>();
  for (const c of commitments) {
    const id = c.leadOrganisationId ?? NO_LEAD;
    const group = groups.get(id) ?? { id, name: c.leadOrganisationName ?? "No lead organisation named yet", commitments: [] };
    group.commitments.push(c);
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) =>
    a.id === NO_LEAD ? 1 : b.id === NO_LEAD ? -1 : a.name.localeCompare(b.name, "en-GB"),
  );
}

const partyAnchor = (party: ResponsibleParty) => `party-${party.replaceAll("_", "-")}`;
const organisationAnchor = (id: string) => `lead-${id}`;
const countWords = (n: number) => `${n} ${n === 1 ? "commitment" : "commitments"}`;

export default function WhoDoesWhat() {
  const { strategy, commitments } = useLoaderData<typeof loader>();
  const parties = RESPONSIBLE_PARTIES.map((party) => ({
    party,
    commitments: commitments.filter((c) => c.responsibleParties.includes(party)),
  }));
  const leads = byLeadOrganisation(commitments);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Who does what</h1>
        <p className="govuk-body-l">
          Every commitment names who is responsible for it and an organisation to lead it. A commitment shared by several
          parties appears under each of them.
        </p>

        <nav className="app-contents" aria-labelledby="contents-title" id="contents">
          <h2 className="govuk-heading-s govuk-!-margin-bottom-2" id="contents-title">
            Contents
          </h2>
          <ul className="govuk-list app-contents__list">
            {parties.map(({ party, commitments }) => (
              <li key={party}>
                <a className="govuk-link" href={`#${partyAnchor(party)}`}>
                  {responsiblePartyLabels[party]}
                </a>{" "}
                <span className="app-contents__count">({countWords(commitments.length)})</span>
              </li>
            ))}
            <li>
              <a className="govuk-link" href="#by-lead-organisation">
                By lead organisation
              </a>
            </li>
          </ul>
        </nav>

        <h2 className="govuk-heading-l">By who is responsible</h2>
        {parties.map(({ party, commitments }) => (
          <section key={party} aria-labelledby={partyAnchor(party)} className="app-party">
            <h3 className="govuk-heading-m govuk-!-margin-bottom-1" id={partyAnchor(party)}>
              {responsiblePartyLabels[party]}
            </h3>
            <p className="govuk-body-s app-party__count">{countWords(commitments.length)}</p>
            {commitments.length ? (
              <ul className="app-commitment-list">
                {commitments.map((c) => (
                  <CommitmentSummary key={c.id} strategyId={strategy.id} commitment={c} sharedWithout={party} />
                ))}
              </ul>
            ) : (
              <p className="govuk-body">No commitments yet</p>
            )}
            <BackToContents />
          </section>
        ))}

        <h2 className="govuk-heading-l govuk-!-margin-top-8" id="by-lead-organisation">
          By lead organisation
        </h2>
        {leads.length ? (
          leads.map((group) => (
            <section key={group.id} aria-labelledby={organisationAnchor(group.id)} className="app-party">
              <h3 className="govuk-heading-m govuk-!-margin-bottom-1" id={organisationAnchor(group.id)}>
                {group.name}
              </h3>
              <p className="govuk-body-s app-party__count">{countWords(group.commitments.length)}</p>
              <ul className="app-commitment-list">
                {group.commitments.map((c) => (
                  <CommitmentSummary key={c.id} strategyId={strategy.id} commitment={c} showLead={false} />
                ))}
              </ul>
              <BackToContents />
            </section>
          ))
        ) : (
          <p className="govuk-body">No commitments yet</p>
        )}
      </div>
    </div>
  );
}

function BackToContents() {
  return (
    <p className="govuk-body-s app-back-to-contents">
      <a className="govuk-link" href="#contents">
        Back to contents
      </a>
    </p>
  );
}

/** One commitment with the facts that say who does it and by when. */
function CommitmentSummary({
  strategyId,
  commitment: c,
  sharedWithout,
  showLead = true,
}: {
  strategyId: string;
  commitment: Commitment;
  sharedWithout?: ResponsibleParty;
  showLead?: boolean;
}) {
  const others = RESPONSIBLE_PARTIES.filter((p) => p !== sharedWithout && c.responsibleParties.includes(p));
  return (
    <li className="app-commitment-summary">
      <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2">
        <Link className="govuk-link" to={`/strategies/${strategyId}/commitments/${c.id}`}>
          {c.text}
        </Link>
      </p>
      <dl className="app-commitment-summary__facts">
        <dt>Priority</dt>
        <dd>
          {c.priorityPosition}. {c.priorityTitle}
        </dd>
        {showLead ? (
          <>
            <dt>Lead organisation</dt>
            <dd>{c.leadOrganisationName ?? "Not named yet"}</dd>
          </>
        ) : null}
        {others.length ? (
          <>
            <dt>{sharedWithout ? "Shared with" : "Who is responsible"}</dt>
            <dd>{others.map((p) => responsiblePartyLabels[p]).join(", ")}</dd>
          </>
        ) : null}
        <dt>Due</dt>
        <dd>{c.dueDate ? formatDate(c.dueDate) : "No due date"}</dd>
        <dt>Status</dt>
        <dd>
          <strong className={`govuk-tag ${commitmentStatusTagClass[c.status]}`}>{commitmentStatusLabels[c.status]}</strong>
        </dd>
      </dl>
    </li>
  );
}
