import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ArchivedBanner, SuccessBanner } from "~/components/banner";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { HistoryList } from "~/components/history-list";
import { MeasureStatusList } from "~/components/measure-status";
import { EvidenceTable } from "~/components/evidence";
import { CommitmentSummaryList } from "~/components/commitment";
import { EarlierDecisions, SignOffTable, signOffSummary } from "~/components/sign-off";
import { StatementReferenceList } from "~/components/statement";
import { EditAndArchiveActions } from "~/components/structure-actions";
import { listHistoryFor } from "~/models/audit.server";
import { listMeasuresForCommitment } from "~/models/measures.server";
import { listEvidenceFor } from "~/models/evidence.server";
import type { Commitment } from "~/models/commitments.server";
import { getSignOffStanding, listEarlierDecisions, listSignOffCells } from "~/models/sign-off.server";
import { listStatementsForCommitment } from "~/models/statements.server";
import type { Tx } from "~/platform/db.server";
import { authorize, canSignFor, type Abilities, type StrategyActor } from "~/policies/strategy";
import { needsAsking, notifySignOffRequests, requestSignOff, signOffNotifier } from "~/services/sign-off.server";
import { archiveCommitment, restoreCommitment } from "~/services/structure.server";
import { notFound, requireId, requireUser, withDb } from "~/utils/http.server";
import { readIntent } from "~/utils/intent.server";
import { pageTitle } from "~/utils/meta";
import { loadCommitmentFor, priorityHeadingFor } from "~/utils/commitment-route.server";
import { loadStrategyFor } from "~/utils/strategy-route.server";

const INTENTS = ["archive", "restore", "ask"] as const;

const doneMessages: Record<string, string> = {
  saved: "Commitment saved.",
  archived: "Commitment archived. It no longer appears in its priority’s list of commitments.",
  restored: "Commitment restored to its old place in its priority.",
  organisations: "The organisations that must sign off this commitment are saved.",
  "nothing-to-ask": "Every organisation has already been asked about this revision, or has decided on it.",
  decided: "Your organisation’s decision is recorded.",
};

/** "Asked 2 organisations to sign off this revision." */
const askedMessage = (count: number) =>
  `Asked ${count} ${count === 1 ? "organisation" : "organisations"} to sign off this revision. Their signatories have been told.`;

// The history of a commitment includes who was asked to sign it off, the requests and the decisions.
const HISTORY_TYPES = ["commitment", "sign_off_organisation", "sign_off_request", "sign_off_decision"] as const;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Commitment: ${data.commitment.text}` : "Commitment");

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy, actor, can, commitment } = await loadCommitmentFor(tx, context, params);
    const history = await listHistoryFor(tx, [...HISTORY_TYPES], commitment.id, { strategyId: strategy.id });
    const statements = await listStatementsForCommitment(tx, commitment.id);
    const measures = await listMeasuresForCommitment(tx, commitment.id);
    const evidence = await listEvidenceFor(tx, { commitmentId: commitment.id });
    const standing = (await getSignOffStanding(tx, commitment.id))!;
    const priorityHeading = await priorityHeadingFor(tx, commitment);
    const signOff = can.canReadSignOff ? await loadSignOff(tx, actor, can, commitment) : null;
    return { strategy, can, commitment, priorityHeading, statements, measures, evidence, history, standing, signOff };
  });
}

/** The sign-off section, for members: requests and who is waiting are theirs to see. */
async function loadSignOff(tx: Tx, actor: StrategyActor, can: Abilities, commitment: Commitment) {
  const cells = await listSignOffCells(tx, commitment.id);
  const live = !commitment.archivedAt;
  return {
    cells,
    earlier: await listEarlierDecisions(tx, commitment.id),
    canAsk: live && can.canManageSignOff && cells.some(needsAsking),
    // A signatory is offered their organisation's decision until it is recorded on this revision.
    toSign: live
      ? cells
          .filter((c) => canSignFor(actor, c.organisationId) && c.decidedRevision !== c.currentRevision)
          .map((c) => ({ organisationId: c.organisationId, organisationShortName: c.organisationShortName }))
      : [],
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireUser(context, request);
  const intent = readIntent(await request.formData(), INTENTS);
  if (intent === "ask") return askForSignOff(context, params);
  return withDb(context, async (tx) => {
    const { strategy, actor } = await loadStrategyFor(tx, context, params.strategyId);
    authorize(actor, "edit_structure", strategy);
    const commitmentId = requireId(params.commitmentId);
    const changed = await (intent === "archive" ? archiveCommitment : restoreCommitment)(tx, strategy.id, commitmentId);
    if (!changed) throw notFound("No such commitment");
    return redirect(`/strategies/${strategy.id}/commitments/${commitmentId}?done=${intent === "archive" ? "archived" : "restored"}`);
  });
}

/** Asks every organisation not yet asked about the current revision; the emails go once that is committed. */
async function askForSignOff(context: ActionFunctionArgs["context"], params: ActionFunctionArgs["params"]) {
  const asked = await withDb(context, async (tx) => {
    const { strategy, actor, commitment } = await loadCommitmentFor(tx, context, params);
    authorize(actor, "manage_sign_off", strategy);
    if (commitment.archivedAt) throw new Response("An archived commitment cannot be signed off. Restore it first.", { status: 409 });
    const ids = { strategyId: strategy.id, commitmentId: commitment.id };
    return { ...ids, ...(await requestSignOff(tx, ids)) };
  });
  const path = `/strategies/${asked.strategyId}/commitments/${asked.commitmentId}`;
  if (asked.revision === null || !asked.organisationIds.length) return redirect(`${path}?done=nothing-to-ask#sign-off`);
  await notifySignOffRequests(signOffNotifier(context.platform), { ...asked, revision: asked.revision });
  return redirect(`${path}?done=asked&count=${asked.organisationIds.length}#sign-off`);
}

export default function CommitmentPage() {
  const { strategy, can, commitment, priorityHeading, statements, measures, evidence, history, standing, signOff } =
    useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = params.get("done") === "asked" ? askedMessage(Number(params.get("count")) || 0) : doneMessages[params.get("done") ?? ""];
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
            {
              key: "Revision",
              value: (
                <>
                  Revision {standing.revision}
                  {standing.revision > 1 ? (
                    <>
                      {" "}
                      (
                      <Link className="govuk-link" to="revisions">
                        see all revisions
                      </Link>
                      )
                    </>
                  ) : null}
                </>
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

      </div>
      {signOff ? (
        // Full width: the table has four columns.
        <section aria-labelledby="sign-off" className="govuk-grid-column-full">
          <h2 className="govuk-heading-m govuk-!-margin-top-6" id="sign-off">
            Sign-off
          </h2>
          <p className="govuk-body govuk-!-font-weight-bold">{signOffSummary(signOff.cells, standing)}</p>
          {signOff.cells.length ? <SignOffTable cells={signOff.cells} revision={standing.revision} /> : null}
          <EarlierDecisions decisions={signOff.earlier} />
          <SignOffActions
            strategyId={strategy.id}
            canManage={can.canManageSignOff && !commitment.archivedAt}
            canAsk={signOff.canAsk}
            toSign={signOff.toSign}
          />
        </section>
      ) : null}
      <div className="govuk-grid-column-two-thirds">
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

/** What this person may do about the sign-off: a facilitator chooses and asks, a signatory decides for their organisation. */
function SignOffActions({
  strategyId,
  canManage,
  canAsk,
  toSign,
}: {
  strategyId: string;
  canManage: boolean;
  canAsk: boolean;
  toSign: { organisationId: string; organisationShortName: string }[];
}) {
  if (!canManage && !toSign.length) return null;
  return (
    <div className="app-actions govuk-!-margin-bottom-6">
      {toSign.map((o) => (
        <Link key={o.organisationId} to={`sign-off?organisation=${o.organisationId}`} className="govuk-button" draggable={false}>
          {`Record ${o.organisationShortName}’s decision`}
        </Link>
      ))}
      {canAsk ? (
        <Form method="post">
          <button type="submit" name="intent" value="ask" className="govuk-button" data-module="govuk-button">
            Ask for sign-off
          </button>
        </Form>
      ) : null}
      {canManage ? (
        <Link to="organisations" className="govuk-button govuk-button--secondary" draggable={false}>
          Choose organisations
        </Link>
      ) : null}
      {canManage ? (
        <Link to={`/strategies/${strategyId}/sign-off/defaults`} className="govuk-link">
          Default organisations for new commitments
        </Link>
      ) : null}
    </div>
  );
}
