import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { shortText } from "~/components/commitment";
import { SignOffStateTag } from "~/components/sign-off-tag";
import { RESPONSIBLE_PARTIES, responsiblePartyLabels } from "~/domain/responsible-parties";
import { SIGN_OFF_STATES, signOffStateLabels, staleWords } from "~/domain/sign-off";
import { agreedSummary, readSignOffMatrixFilter, signOffMatrixQuery } from "~/domain/sign-off-matrix";
import { listPriorities } from "~/models/priorities.server";
import {
  countAgreedCommitments,
  listSignOffMatrixCells,
  listSignOffMatrixRows,
  type SignOffMatrixCell,
  type SignOffMatrixRow,
} from "~/models/sign-off-matrix.server";
import { authorize } from "~/policies/strategy";
import { withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";
import { FilterActions, FilterSelect } from "~/components/filter-select";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Sign-off – ${data.strategy.title}` : "Sign-off");

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const filter = readSignOffMatrixFilter(new URL(request.url));
  return withDb(context, async (tx) => {
    const { strategy, actor, can } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "read_sign_off", strategy);
    const rows = await listSignOffMatrixRows(tx, strategy.id, filter);
    const cells = await listSignOffMatrixCells(tx, strategy.id);
    const totals = await countAgreedCommitments(tx, strategy.id);
    const priorities = await listPriorities(tx, strategy.id);
    // The columns: every organisation asked to sign off any current commitment, by name.
    const organisations = [...new Map(cells.map((c) => [c.organisationId, c])).values()]
      .map((c) => ({ id: c.organisationId, name: c.organisationName, shortName: c.organisationShortName }))
      .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
    const shown = new Set(rows.map((r) => r.id));
    return {
      strategy: { id: strategy.id, title: strategy.title },
      can,
      filter,
      rows,
      cells: cells.filter((c) => shown.has(c.commitmentId)),
      organisations,
      totals,
      // Short labels: a select is as wide as its longest choice.
      priorities: priorities.map((p, i) => ({ id: p.id, label: `Priority ${i + 1}: ${shortText(p.title, 40)}` })),
    };
  });
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Rows grouped under their priority, in order. */
function byPriority(rows: SignOffMatrixRow[]) {
  const groups: { priorityId: string; heading: string; rows: SignOffMatrixRow[] }[] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last?.priorityId === row.priorityId) last.rows.push(row);
    else groups.push({ priorityId: row.priorityId, heading: `Priority ${row.priorityNumber}: ${row.priorityTitle}`, rows: [row] });
  }
  return groups;
}

export default function SignOffMatrix() {
  const { strategy, can, filter, rows, cells, organisations, totals, priorities } = useLoaderData<typeof loader>();
  const base = `/strategies/${strategy.id}/sign-off`;
  const filtered = Boolean(filter.priority || filter.party || filter.state);
  const cellFor = new Map(cells.map((c) => [`${c.commitmentId}/${c.organisationId}`, c]));
  const columns = 2 + organisations.length;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sign-off</h1>
        <p className="govuk-body">
          Which partner organisations are asked to sign off each commitment, and what each has decided. A commitment is agreed
          when every organisation asked has endorsed its current revision. A decision on an earlier revision is out of date.
        </p>
        <p className="govuk-body-l govuk-!-font-weight-bold" id="agreed-summary">
          {agreedSummary(totals.agreed, totals.total)}
        </p>
        <ul className="govuk-list">
          {can.isSignatory ? (
            <li>
              <Link className="govuk-link" to={`${base}/waiting`}>
                Waiting for your organisation
              </Link>
            </li>
          ) : null}
          {can.canManageSignOff ? (
            <li>
              <Link className="govuk-link" to={`${base}/defaults`}>
                Default organisations for new commitments
              </Link>
            </li>
          ) : null}
          {can.canPublish ? (
            <li>
              <Link className="govuk-link" to={`/strategies/${strategy.id}/publish`}>
                Publish a version of the strategy
              </Link>
            </li>
          ) : null}
          <li>
            <Link className="govuk-link" to={`/strategies/${strategy.id}/published`}>
              Published versions
            </Link>
          </li>
          <li>
            <a className="govuk-link" href={`${base}.csv${signOffMatrixQuery(filter)}`} download>
              Download {filtered ? "these rows" : "the sign-off matrix"} as a spreadsheet (CSV)
            </a>
          </li>
        </ul>
      </div>

      <div className="govuk-grid-column-full">
        {/* Keyed by the filter, so "Clear filters" also resets the choices shown. */}
        <Form method="get" className="app-filter" aria-labelledby="sign-off-filter-heading" key={JSON.stringify(filter)}>
          <h2 className="govuk-heading-s govuk-!-margin-bottom-2" id="sign-off-filter-heading">
            Filter commitments
          </h2>
          <div className="app-filter__fields">
            <FilterSelect name="priority" label="Priority" value={filter.priority} options={priorities.map((p) => [p.id, p.label])} all="All priorities" />
            <FilterSelect
              name="party"
              label="Who is responsible"
              value={filter.party}
              options={RESPONSIBLE_PARTIES.map((p) => [p, responsiblePartyLabels[p]])}
              all="Anyone"
            />
            <FilterSelect
              name="state"
              label="An organisation’s sign-off is"
              value={filter.state}
              options={SIGN_OFF_STATES.map((s) => [s, signOffStateLabels[s]])}
              all="In any state"
            />
          </div>
          <FilterActions submitLabel="Show commitments" clearTo={base} filtered={Boolean(filtered)} />
        </Form>

        <p className="govuk-body" role="status">
          {rows.length
            ? filtered
              ? `${plural(rows.length, "commitment matches", "commitments match")} these filters.`
              : `Showing all ${plural(rows.length, "commitment", "commitments")}.`
            : filtered
              ? "No commitments match these filters."
              : "This strategy has no commitments yet."}
        </p>

        {rows.length ? (
          <div className="app-table-scroll" role="region" aria-labelledby="sign-off-matrix-caption" tabIndex={0}>
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--m" id="sign-off-matrix-caption">
                Sign-off of each commitment, by organisation
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Commitment
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Agreed?
                  </th>
                  {organisations.map((o) => (
                    <th scope="col" className="govuk-table__header" key={o.id}>
                      {o.shortName ?? o.name}
                    </th>
                  ))}
                </tr>
              </thead>
              {byPriority(rows).map((group) => (
                <tbody className="govuk-table__body" key={group.priorityId}>
                  <tr className="govuk-table__row">
                    <th scope="rowgroup" colSpan={columns} className="govuk-table__header govuk-!-padding-top-6">
                      {group.heading}
                    </th>
                  </tr>
                  {group.rows.map((row) => (
                    <tr className="govuk-table__row" key={row.id}>
                      <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                        <Link className="govuk-link" to={`/strategies/${strategy.id}/commitments/${row.id}`}>
                          {shortText(row.text, 110)}
                        </Link>
                        <span className="govuk-body-s app-muted govuk-!-display-block govuk-!-margin-bottom-0">
                          Revision {row.revision}
                        </span>
                      </th>
                      <td className="govuk-table__cell">
                        {row.agreed ? (
                          <strong className="govuk-tag govuk-tag--green">Agreed</strong>
                        ) : row.organisationCount ? (
                          "Not yet"
                        ) : (
                          "No organisation asked yet"
                        )}
                      </td>
                      {organisations.map((o) => (
                        <td className="govuk-table__cell" key={o.id}>
                          <Cell cell={cellFor.get(`${row.id}/${o.id}`)} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** One organisation's sign-off of one commitment; an organisation not asked says so in words. */
function Cell({ cell }: { cell: SignOffMatrixCell | undefined }) {
  if (!cell) return <span className="app-muted">Not asked</span>;
  return (
    <>
      <SignOffStateTag state={cell.state} />
      {cell.state === "stale" && cell.decidedRevision !== null ? (
        <span className="govuk-body-s app-muted govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">
          {staleWords(cell.decidedRevision, cell.currentRevision)}
        </span>
      ) : null}
    </>
  );
}

