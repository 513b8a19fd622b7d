import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { StatementStatusTag } from "~/components/statement";
import {
  STATEMENT_KINDS,
  STATEMENT_STATUSES,
  STATEMENT_THEMES,
  statementKindLabels,
  statementStatusLabels,
  statementThemeLabels,
  themeEditionLabel,
} from "~/domain/statements";
import { listStatements, type StatementListItem } from "~/models/statements.server";
import { withDb } from "~/utils/http.server";
import { readStatementFilter } from "~/utils/statement-filter.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";
import { FilterActions, FilterSelect } from "~/components/filter-select";

export const meta: MetaFunction = () => pageTitle("Statements");

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const filter = readStatementFilter(new URL(request.url));
  return withDb(context, async (tx) => {
    const { strategy, can } = await loadStrategyFor(tx, context, params.strategyId);
    const statements = await listStatements(tx, strategy.id, filter);
    return { strategy, can, filter, statements };
  });
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What is going on around a statement, in words: discussion, endorsements, links. */
function statementFacts(s: StatementListItem, canReadDiscussion: boolean): string[] {
  const facts: string[] = [];
  if (canReadDiscussion) facts.push(plural(s.openThreadCount, "open discussion thread", "open discussion threads"));
  facts.push(plural(s.endorsementCount, "endorsement of the current text", "endorsements of the current text"));
  if (s.kind === "we") facts.push(`Answers ${plural(s.answersCount, "“I” statement", "“I” statements")}`);
  else facts.push(`Answered by ${plural(s.answeredByCount, "“we” statement", "“we” statements")}`);
  if (s.priorityCount || s.commitmentCount) {
    facts.push(
      `Linked to ${[
        s.priorityCount ? plural(s.priorityCount, "priority", "priorities") : null,
        s.commitmentCount ? plural(s.commitmentCount, "commitment", "commitments") : null,
      ]
        .filter(Boolean)
        .join(" and ")}`,
    );
  }
  return facts;
}

export default function StatementsPage() {
  const { strategy, can, filter, statements } = useLoaderData<typeof loader>();
  const base = `/strategies/${strategy.id}/statements`;
  const filtered = Boolean(filter.kind || filter.theme || filter.status || filter.archived);
  const themes = STATEMENT_THEMES.filter((t) => statements.some((s) => s.theme === t));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{filter.archived ? "Archived statements" : "Statements"}</h1>
        <p className="govuk-body">
          “I” statements say, in the voice of a person who draws on care and support, what good looks like for them. “We”
          statements say what organisations will do to make them real. Each belongs to one of the six themes of{" "}
          {themeEditionLabel}.
        </p>
        {can.canWriteStatements ? (
          <Link to={`${base}/new`} className="govuk-button" draggable={false}>
            Create a statement
          </Link>
        ) : null}
      </div>

      <div className="govuk-grid-column-full">
        {/* Keyed by the filter, so "Clear filters" also resets the choices shown. */}
        <Form method="get" className="app-filter" aria-labelledby="statement-filter-heading" key={JSON.stringify(filter)}>
          <h2 className="govuk-heading-s govuk-!-margin-bottom-2" id="statement-filter-heading">
            Filter statements
          </h2>
          <div className="app-filter__fields">
            <FilterSelect name="kind" label="Kind" value={filter.kind} options={STATEMENT_KINDS.map((k) => [k, statementKindLabels[k]])} all="All kinds" />
            <FilterSelect
              name="theme"
              label="Theme"
              value={filter.theme}
              options={STATEMENT_THEMES.map((t) => [t, statementThemeLabels[t]])}
              all="All themes"
            />
            <FilterSelect
              name="status"
              label="Status"
              value={filter.status}
              options={STATEMENT_STATUSES.map((s) => [s, statementStatusLabels[s]])}
              all="Any status"
            />
            <div className="govuk-form-group app-filter__check">
              <div className="govuk-checkboxes govuk-checkboxes--small">
                <div className="govuk-checkboxes__item">
                  <input
                    className="govuk-checkboxes__input"
                    id="filter-archived"
                    name="archived"
                    type="checkbox"
                    value="yes"
                    defaultChecked={filter.archived}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor="filter-archived">
                    Archived statements only
                  </label>
                </div>
              </div>
            </div>
          </div>
          <FilterActions submitLabel="Show statements" clearTo={base} filtered={Boolean(filtered)} />
        </Form>

        <p className="govuk-body" role="status">
          {statements.length
            ? `${plural(statements.length, "statement", "statements")}${filtered ? " match these filters" : ""}.`
            : filtered
              ? "No statements match these filters."
              : "This strategy has no statements yet."}
        </p>

        {themes.map((theme) => (
          <section key={theme} aria-labelledby={`theme-${theme}`} className="app-statement-group">
            <h2 className="govuk-heading-m" id={`theme-${theme}`}>
              {statementThemeLabels[theme]}
            </h2>
            <ul className="govuk-list app-statement-list">
              {statements
                .filter((s) => s.theme === theme)
                .map((s) => (
                  <li key={s.id} className={`app-card app-statement-card app-statement-card--${s.kind}`}>
                    <span className="govuk-caption-m">{statementKindLabels[s.kind]}</span>
                    <h3 className="govuk-heading-s govuk-!-margin-bottom-2">
                      <Link className="govuk-link" to={`${base}/${s.id}`}>
                        {s.title}
                      </Link>
                    </h3>
                    <p className="govuk-body-s govuk-!-margin-bottom-2">
                      <StatementStatusTag status={s.status} />
                    </p>
                    <ul className="govuk-list govuk-body-s app-statement-card__facts">
                      {statementFacts(s, can.canReadDiscussion).map((fact) => (
                        <li key={fact}>{fact}</li>
                      ))}
                    </ul>
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

