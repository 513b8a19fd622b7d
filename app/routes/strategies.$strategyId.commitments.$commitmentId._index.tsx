import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ArchivedBanner, SuccessBanner } from "~/components/banner";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { HistoryList } from "~/components/history-list";
import { MeasureStatusList } from "~/components/measure-status";
import { EvidenceTable } from "~/components/evidence";
import { CommitmentSummaryList } from "~/components/commitment";
import { StatementReferenceList } from "~/components/statement";
import { EditAndArchiveActions } from "~/components/structure-actions";
import { listHistoryFor } from "~/models/audit.server";
import { listMeasuresForCommitment } from "~/models/measures.server";
import { listEvidenceFor } from "~/models/evidence.server";
import { getCommitment } from "~/models/commitments.server";
import { listPriorities } from "~/models/priorities.server";
import { listStatementsForCommitment } from "~/models/statements.server";
import { authorize } from "~/policies/strategy";
import { archiveCommitment, restoreCommitment } from "~/services/structure.server";
import { notFound, requireId, requireUser, withDb } from "~/utils/http.server";
import { readIntent } from "~/utils/intent.server";
import { pageTitle } from "~/utils/meta";
import { loadStrategyFor } from "~/utils/strategy-route.server";

const INTENTS = ["archive", "restore"] as const;

const doneMessages: Record<string, string> = {
  saved: "Commitment saved.",
  archived: "Commitment archived. It no longer appears in its priority’s list of commitments.",
  restored: "Commitment restored to its old place in its priority.",
};

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Commitment: ${data.commitment.text}` : "Commitment");

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy, can } = await loadStrategyFor(tx, context, params.strategyId);
    const commitment = await getCommitment(tx, strategy.id, requireId(params.commitmentId));
    if (!commitment) throw notFound("No such commitment");
    const current = await listPriorities(tx, strategy.id);
    const history = await listHistoryFor(tx, "commitment", commitment.id, { strategyId: strategy.id });
    const statements = await listStatementsForCommitment(tx, commitment.id);
    const measures = await listMeasuresForCommitment(tx, commitment.id);
    const evidence = await listEvidenceFor(tx, { commitmentId: commitment.id });
    const number = current.findIndex((p) => p.id === commitment.priorityId) + 1;
    const priorityHeading = number ? `Priority ${number}: ${commitment.priorityTitle}` : `Archived priority: ${commitment.priorityTitle}`;
    return { strategy, can, commitment, priorityHeading, statements, measures, evidence, history };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const intent = readIntent(await request.formData(), INTENTS);
  return withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "edit_structure", strategy);
    const commitmentId = requireId(params.commitmentId);
    const changed = await (intent === "archive" ? archiveCommitment : restoreCommitment)(tx, strategy.id, commitmentId);
    if (!changed) throw notFound("No such commitment");
    return redirect(`/strategies/${strategy.id}/commitments/${commitmentId}?done=${intent === "archive" ? "archived" : "restored"}`);
  });
}

export default function CommitmentPage() {
  const { strategy, can, commitment, priorityHeading, statements, measures, evidence, history } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = doneMessages[params.get("done") ?? ""];
  const strategyPath = `/strategies/${strategy.id}`;
  const priorityPath = `${strategyPath}/priorities/${commitment.priorityId}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Breadcrumbs
          items={[
            { to: strategyPath, label: "Priorities" },
            { to: priorityPath, label: priorityHeading },
          ]}
        />
        {done ? <SuccessBanner>{done}</SuccessBanner> : null}
        {commitment.archivedAt ? (
          <ArchivedBanner
            noun="commitment"
            absentFrom="its priority’s list of commitments"
            canRestore={can.canEditStructure}
          />
        ) : null}

        <span className="govuk-caption-l">Commitment</span>
        <h1 className="govuk-heading-l">{commitment.text}</h1>

        <CommitmentSummaryList
          commitment={commitment}
          before={[
            {
              key: "Priority",
              value: (
                <Link className="govuk-link" to={priorityPath}>
                  {priorityHeading}
                </Link>
              ),
            },
          ]}
        />

        {can.canEditStructure ? (
          <EditAndArchiveActions
            noun="commitment"
            archived={Boolean(commitment.archivedAt)}
            archiveIntent="archive"
            restoreIntent="restore"
          />
        ) : null}

        <h2 className="govuk-heading-m govuk-!-margin-top-8">Statements</h2>
        <StatementReferenceList strategyId={strategy.id} statements={statements} empty="No statement is linked to this commitment yet." />

        <h2 className="govuk-heading-m govuk-!-margin-top-8">Measures</h2>
        <p className="govuk-body">How progress on this commitment is measured, and how each measure is going. Only verified data counts towards a status.</p>
        <MeasureStatusList strategyId={strategy.id} measures={measures} empty="No measure is linked to this commitment yet." />

        <h2 className="govuk-heading-m govuk-!-margin-top-8" id="evidence">
          Evidence
        </h2>
        {can.canSubmitEvidence && !commitment.archivedAt ? (
          <Link to={`${strategyPath}/evidence/new?commitmentId=${commitment.id}`} className="govuk-button govuk-button--secondary" draggable={false}>
            Submit evidence
          </Link>
        ) : null}
        {evidence.length ? (
          <EvidenceTable strategyId={strategy.id} items={evidence} caption="Evidence for this commitment, newest first" />
        ) : (
          <p className="govuk-body">No evidence has been submitted for this commitment yet. Evidence for its measures is on their pages.</p>
        )}

        <h2 className="govuk-heading-m govuk-!-margin-top-8">History</h2>
        <p className="govuk-body">Changes to this commitment, newest first.</p>
        <HistoryList entries={history} />
      </div>
    </div>
  );
}
