import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { EvidenceTable } from "~/components/evidence";
import { FilterActions, FilterSelect } from "~/components/filter-select";
import {
  EVIDENCE_CATEGORIES,
  EVIDENCE_KINDS,
  EVIDENCE_STATUSES,
  evidenceCategoryLabels,
  evidenceKindLabels,
  evidenceStatusLabels,
  type EvidenceCategory,
  type EvidenceKind,
  type EvidenceStatus,
} from "~/domain/evidence";
import { listStrategyEvidence } from "~/models/evidence.server";
import { listPriorities } from "~/models/priorities.server";
import { shortText } from "~/components/commitment";
import { withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

export const meta: MetaFunction = () => pageTitle("Evidence");

const LIMIT = 200;

/** A filter's value from the address, if it is one of the allowed values (anything else is ignored). */
function pick<T extends string>(url: URL, name: string, allowed: readonly T[]): T | undefined {
  const value = url.searchParams.get(name);
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filter = {
    status: pick<EvidenceStatus>(url, "status", EVIDENCE_STATUSES),
    category: pick<EvidenceCategory>(url, "category", EVIDENCE_CATEGORIES),
    kind: pick<EvidenceKind>(url, "kind", EVIDENCE_KINDS),
  };
  const chosenPriority = url.searchParams.get("priority");
  return withDb(context, async (tx) => {
    const { strategy, can } = await loadStrategyFor(tx, context, params.strategyId);
    const priorities = (await listPriorities(tx, strategy.id)).map((p, i) => ({ id: p.id, label: `Priority ${i + 1}: ${shortText(p.title, 40)}` }));
    // A priority that is not one of this strategy's current ones is no filter at all.
    const priorityId = priorities.find((p) => p.id === chosenPriority)?.id;
    const { items, more } = await listStrategyEvidence(tx, strategy.id, {
      ...filter,
      priorityId,
      waitingFirst: can.canReviewEvidence,
      limit: LIMIT,
    });
    return { strategy, can, filter: { ...filter, priority: priorityId }, priorities, items, more };
  });
}

export default function EvidenceList() {
  const { strategy, can, filter, priorities, items, more } = useLoaderData<typeof loader>();
  const base = `/strategies/${strategy.id}/evidence`;
  const filtered = Boolean(filter.status || filter.category || filter.kind || filter.priority);
  // Reviewers see what waits for them first, in a table of its own.
  const waiting = can.canReviewEvidence ? items.filter((i) => i.status === "submitted") : [];
  const rest = can.canReviewEvidence ? items.filter((i) => i.status !== "submitted") : items;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <h1 className="govuk-heading-l">Evidence</h1>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <p className="govuk-body">
              Data points, documents, stories of lived experience and feedback about how the strategy is going, in the six
              categories of CQC’s assessment framework. Only evidence an evaluator has verified counts towards a measure’s status;
              the rest is marked as not yet verified.
            </p>
            {!can.isMember ? (
              <p className="govuk-body">You see the evidence that has been verified, and stories only where the person agreed to publication.</p>
            ) : null}
          </div>
        </div>
        {can.canSubmitEvidence ? (
          <Link to={`${base}/new`} className="govuk-button" draggable={false}>
            Submit evidence
          </Link>
        ) : null}
        <p className="govuk-body">
          <a className="govuk-link" href={`/strategies/${strategy.id}/evidence.csv`} download>
            Download as CSV
          </a>{" "}
          (what each item is, not its files)
        </p>

        <Form method="get" className="app-filter" aria-labelledby="evidence-filter-heading" key={JSON.stringify(filter)}>
          <h2 className="govuk-heading-s govuk-!-margin-bottom-2" id="evidence-filter-heading">
            Filter evidence
          </h2>
          <div className="app-filter__fields">
            <FilterSelect
              name="priority"
              label="Priority"
              value={filter.priority}
              options={priorities.map((p) => [p.id, p.label])}
              all="All priorities"
            />
            <FilterSelect
              name="status"
              label="Status"
              value={filter.status}
              options={EVIDENCE_STATUSES.map((s) => [s, evidenceStatusLabels[s]])}
              all="Any status"
            />
            <FilterSelect
              name="category"
              label="Category"
              value={filter.category}
              options={EVIDENCE_CATEGORIES.map((c) => [c, evidenceCategoryLabels[c]])}
              all="Any category"
            />
            <FilterSelect name="kind" label="Kind" value={filter.kind} options={EVIDENCE_KINDS.map((k) => [k, evidenceKindLabels[k]])} all="Any kind" />
          </div>
          <FilterActions submitLabel="Show evidence" clearTo={base} filtered={Boolean(filtered)} />
        </Form>

        {filtered ? (
          <p className="govuk-body" role="status">
            {items.length === 1 ? "1 item matches" : `${more ? "More than " : ""}${items.length} items match`} the filters
            {filter.priority ? ", counting evidence on the priority, its commitments and their measures" : ""}.
          </p>
        ) : null}
        {waiting.length ? (
          <>
            <h2 className="govuk-heading-m">Waiting for review</h2>
            <EvidenceTable strategyId={strategy.id} items={waiting} caption={`${waiting.length} waiting for review, newest first`} showTarget />
          </>
        ) : null}
        {waiting.length && rest.length ? <h2 className="govuk-heading-m">Other evidence</h2> : null}
        {rest.length ? (
          <EvidenceTable
            strategyId={strategy.id}
            items={rest}
            caption={filtered ? "Evidence that matches the filters, newest first" : "All evidence you can see, newest first"}
            showTarget
          />
        ) : !waiting.length ? (
          <p className="govuk-body">{filtered ? "No evidence matches the filters." : "No evidence has been submitted yet."}</p>
        ) : null}
        {more ? (
          <p className="govuk-body">
            Only the newest {LIMIT} are shown. Use the filters to find older evidence.
          </p>
        ) : null}
      </div>
    </div>
  );
}
