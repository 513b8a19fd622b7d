import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AllVersionsLink, CURRENT, CompareVersionsForm, DifferenceKey, TextDifference } from "~/components/statement-versions";
import { compareTexts, describeComparison } from "~/domain/statement-diff";
import { getVersion, listVersions } from "~/models/statement-versions.server";
import type { Tx } from "~/platform/db.server";
import { notFound, requireId, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStatementFor } from "~/utils/statement-route.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Compare ${data.from.label} with ${data.to.label} – ${data.statement.title}` : "Compare versions");

/** One side of the comparison: a saved version, or the statement's current text. */
async function side(tx: Tx, statement: { id: string; bodyText: string }, choice: string) {
  if (choice === CURRENT) return { id: CURRENT, label: "the current text", text: statement.bodyText };
  const version = await getVersion(tx, statement.id, requireId(choice));
  if (!version) throw notFound("No such version");
  return { id: version.id, label: `version ${version.number} (${version.name})`, text: version.bodyText };
}

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const statementId = requireId(params.statementId);
  // Comparing with the current text means the live text: store what the editors have typed first.
  if ([url.searchParams.get("from"), url.searchParams.get("to")].includes(CURRENT) || !url.searchParams.get("to")) {
    await context.platform.collab.flush(statementId);
  }
  return withDb(context, async (tx) => {
    const { strategy, statement } = await loadStatementFor(tx, context, params);
    const versions = await listVersions(tx, statement.id);
    const fromChoice = url.searchParams.get("from") || versions[0]?.id || CURRENT;
    const toChoice = url.searchParams.get("to") || CURRENT;
    const from = await side(tx, statement, fromChoice);
    const to = await side(tx, statement, toChoice);
    const comparison = compareTexts(from.text, to.text);
    return {
      path: `/strategies/${strategy.id}/statements/${statement.id}/versions`,
      statement: { id: statement.id, title: statement.title },
      versions: versions.map((v) => ({ id: v.id, number: v.number, name: v.name })),
      from: { id: from.id, label: from.label },
      to: { id: to.id, label: to.label },
      parts: comparison.parts,
      summary: describeComparison(comparison),
    };
  });
}

export default function CompareStatementVersions() {
  const { path, versions, from, to, parts, summary } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <AllVersionsLink to={path} />
        <h2 className="govuk-heading-m">Compare versions</h2>
        <p className="govuk-body-l" id="comparison-summary">
          From {from.label} to {to.label}: {summary}
        </p>
        <DifferenceKey />
        <section aria-labelledby="comparison-heading" className="govuk-!-margin-bottom-8">
          <h3 className="govuk-heading-s" id="comparison-heading">
            The changes, word by word
          </h3>
          <TextDifference parts={parts} />
        </section>
        <CompareVersionsForm action={`${path}/compare`} versions={versions} from={from.id} to={to.id} />
      </div>
    </div>
  );
}
