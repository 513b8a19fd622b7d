import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ArchivedBanner, SuccessBanner } from "~/components/banner";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { HistoryList } from "~/components/history-list";
import { MeasureStatusList } from "~/components/measure-status";
import { EvidenceTable, Triangulation } from "~/components/evidence";
import { CommitmentSummaryList } from "~/components/commitment";
import { ContextFigures, figureDoneMessages } from "~/components/context-figures";
import { StatementReferenceList } from "~/components/statement";
import { Paragraphs } from "~/components/paragraphs";
import { ArchivedItems, EditAndArchiveActions, MoveAndArchiveForm } from "~/components/structure-actions";
import { priorityTakesNewCommitments } from "~/domain/structure";
import { listHistoryFor } from "~/models/audit.server";
import { listMeasuresForPriority } from "~/models/measures.server";
import { evidenceCategoryCounts, listEvidenceFor } from "~/models/evidence.server";
import { getCommitment, listCommitmentsForPriority } from "~/models/commitments.server";
import { getPriority, listContextFigures, listPriorities } from "~/models/priorities.server";
import { listStatementsForPriority } from "~/models/statements.server";
import { authorize } from "~/policies/strategy";
import {
  archiveCommitment,
  archivePriority,
  moveCommitment,
  restoreCommitment,
  restorePriority,
} from "~/services/structure.server";
import { notFound, requireId, requireUser, withDb } from "~/utils/http.server";
import { formText, readIntent } from "~/utils/intent.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

const INTENTS = ["move-up", "move-down", "archive", "restore", "archive-priority", "restore-priority"] as const;

const doneMessages: Record<string, string> = {
  "priority-added": "Priority added. You can now add its commitments.",
  "priority-saved": "Priority saved.",
  "priority-archived": "Priority archived. It no longer appears in the strategy’s list of priorities.",
  "priority-restored": "Priority restored to the strategy’s list of priorities.",
  "commitment-added": "Commitment added.",
  "moved-up": "Commitment moved up.",
  "moved-down": "Commitment moved down.",
  archived: "Commitment archived.",
  restored: "Commitment restored.",
  ...figureDoneMessages,
};

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? data.heading : "Priority");

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy, can } = await loadStrategyFor(tx, context, params.strategyId);
    const priority = await getPriority(tx, strategy.id, requireId(params.priorityId));
    if (!priority) throw notFound("No such priority");
    const figures = await listContextFigures(tx, strategy.id, priority.id);
    const commitments = await listCommitmentsForPriority(tx, priority.id, { includeArchived: can.canEditStructure });
    const current = await listPriorities(tx, strategy.id);
    const history = await listHistoryFor(tx, "priority", priority.id, { strategyId: strategy.id });
    const statements = await listStatementsForPriority(tx, priority.id);
    const measures = await listMeasuresForPriority(tx, priority.id);
    const evidence = await listEvidenceFor(tx, { priorityId: priority.id });
    const evidenceCounts = await evidenceCategoryCounts(tx, priority.id);
    const number = current.findIndex((p) => p.id === priority.id) + 1;
    const heading = number ? `Priority ${number}: ${priority.title}` : `Archived priority: ${priority.title}`;
    return { strategy, can, priority, heading, figures, commitments, statements, measures, evidence, evidenceCounts, history };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const formData = await request.formData();
  const intent = readIntent(formData, INTENTS);
  return withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "edit_structure", strategy);
    const priority = await getPriority(tx, strategy.id, requireId(params.priorityId));
    if (!priority) throw notFound("No such priority");
    const here = `/strategies/${strategy.id}/priorities/${priority.id}`;

    if (intent === "archive-priority" || intent === "restore-priority") {
      await (intent === "archive-priority" ? archivePriority : restorePriority)(tx, strategy.id, priority.id);
      return redirect(`${here}?done=${intent === "archive-priority" ? "priority-archived" : "priority-restored"}`);
    }

    const commitment = await getCommitment(tx, strategy.id, requireId(formText(formData, "commitmentId")));
    if (!commitment || commitment.priorityId !== priority.id) throw notFound("No such commitment");
    const anchor = `#commitment-${commitment.id}`;
    switch (intent) {
      case "move-up":
      case "move-down": {
        const outcome = await moveCommitment(tx, strategy.id, commitment.id, intent === "move-up" ? "up" : "down");
        if (outcome === "not_found") throw notFound("No such commitment");
        return redirect(outcome === "moved" ? `${here}?done=${intent === "move-up" ? "moved-up" : "moved-down"}${anchor}` : here + anchor);
      }
      case "archive":
        if (!(await archiveCommitment(tx, strategy.id, commitment.id))) throw notFound("No such commitment");
        return redirect(`${here}?done=archived`);
      case "restore":
        if (!(await restoreCommitment(tx, strategy.id, commitment.id))) throw notFound("No such commitment");
        return redirect(`${here}?done=restored${anchor}`);
    }
  });
}

export default function PriorityPage() {
  const { strategy, can, priority, heading, figures, commitments, statements, measures, evidence, evidenceCounts, history } =
    useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = doneMessages[params.get("done") ?? ""];
  const current = commitments.filter((c) => !c.archivedAt);
  const archived = commitments.filter((c) => c.archivedAt);
  const strategyPath = `/strategies/${strategy.id}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Breadcrumbs items={[{ to: strategyPath, label: "Priorities" }]} />
        {done ? <SuccessBanner>{done}</SuccessBanner> : null}
        {priority.archivedAt ? (
          <ArchivedBanner noun="priority" absentFrom="the strategy’s list of priorities" canRestore={can.canEditStructure} />
        ) : null}

        <h1 className="govuk-heading-l">{heading}</h1>
        {priority.summary ? <Paragraphs text={priority.summary} className="govuk-body-l" /> : null}

        {can.canEditStructure ? (
          <EditAndArchiveActions
            noun="priority"
            archived={Boolean(priority.archivedAt)}
            archiveIntent="archive-priority"
            restoreIntent="restore-priority"
          />
        ) : null}

        <h2 className="govuk-heading-m">Current context</h2>
        {priority.context ? (
          <Paragraphs text={priority.context} />
        ) : (
          <p className="govuk-body">No current context has been written for this priority yet.</p>
        )}
        <ContextFigures
          figures={figures}
          caption="The figures, and where they come from"
          priorityId={priority.id}
          editable={can.canEditStructure}
        />

        <h2 className="govuk-heading-m">Commitments</h2>
        {can.canEditStructure && priorityTakesNewCommitments(priority) ? (
          <Link to="commitments/new" className="govuk-button govuk-button--secondary" draggable={false}>
            Add a commitment
          </Link>
        ) : null}
        {current.length ? (
          <ol className="govuk-list app-commitment-list">
            {current.map((c, i) => (
              <li key={c.id} id={`commitment-${c.id}`} className="app-card">
                <span className="govuk-caption-m">Commitment {i + 1}</span>
                <h3 className="govuk-heading-s govuk-!-margin-bottom-2">
                  <Link className="govuk-link" to={`${strategyPath}/commitments/${c.id}`}>
                    {c.text}
                  </Link>
                </h3>
                <CommitmentSummaryList commitment={c} compact />
                {can.canEditStructure ? (
                  <MoveAndArchiveForm idField="commitmentId" id={c.id} name={c.text} index={i} count={current.length} />
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="govuk-body">This priority has no commitments yet.</p>
        )}

        {archived.length ? (
          <ArchivedItems
            heading="Archived commitments"
            kind="commitment"
            items={archived.map((c) => ({ id: c.id, name: c.text, to: `${strategyPath}/commitments/${c.id}` }))}
          />
        ) : null}

        <h2 className="govuk-heading-m govuk-!-margin-top-8">Statements</h2>
        <StatementReferenceList strategyId={strategy.id} statements={statements} empty="No statement is linked to this priority yet." />

        <h2 className="govuk-heading-m govuk-!-margin-top-8">Measures</h2>
        <p className="govuk-body">Measures linked to this priority or to one of its commitments, with how each is going. Only verified data counts towards a status.</p>
        <MeasureStatusList strategyId={strategy.id} measures={measures} empty="No measure shows progress on this priority yet." />

        <section aria-labelledby="evidence">
          <h2 className="govuk-heading-m govuk-!-margin-top-8" id="evidence">
            Evidence
          </h2>
          <p className="govuk-body">
            The evidence for this priority, its commitments and its measures, by category. Returned and rejected evidence is not counted.
          </p>
          <Triangulation counts={evidenceCounts} />
          {can.canSubmitEvidence && !priority.archivedAt ? (
            <Link to={`${strategyPath}/evidence/new?priorityId=${priority.id}`} className="govuk-button govuk-button--secondary" draggable={false}>
              Submit evidence
            </Link>
          ) : null}
          {evidence.length ? (
            <EvidenceTable strategyId={strategy.id} items={evidence} caption="Evidence for the priority itself, newest first" />
          ) : (
            <p className="govuk-body">No evidence has been submitted for the priority itself. Evidence for its commitments and measures is on their pages.</p>
          )}
        </section>

        <h2 className="govuk-heading-m govuk-!-margin-top-8">History</h2>
        <p className="govuk-body">Changes to this priority, newest first. Each commitment has its own history on its page.</p>
        <HistoryList entries={history} />
      </div>
    </div>
  );
}
