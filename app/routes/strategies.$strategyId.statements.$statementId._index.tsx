import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useState, type ComponentType } from "react";
import { SuccessBanner } from "~/components/banner";
import { StatementBodyView } from "~/components/statement-body";
import type { EditorReport, StatementEditorProps } from "~/components/statement-editor.client";
import { useStatementLayoutData } from "~/components/statement-layout";
import { StatementLinksSummary } from "~/components/statement-links";
import { listStatementLinks } from "~/models/statements.server";
import { textReadOnlyReason } from "~/policies/statement";
import { withDb } from "~/utils/http.server";
import { loadStatementFor } from "~/utils/statement-route.server";

const doneMessages: Record<string, string> = {
  created: "Statement created. You can write its text below, with others.",
};

const LABEL_ID = "statement-text-label";

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { statement } = await loadStatementFor(tx, context, params);
    return { links: await listStatementLinks(tx, statement.id) };
  });
}

/**
 * The statement's text. The server renders it, so it reads before any script loads (and for
 * visitors, who only read); for members the live editor then loads and takes its place.
 */
export default function StatementTextTab() {
  const layout = useStatementLayoutData();
  const { strategy, statement, me, can, canEditText, canEditDetails } = layout;
  const { links } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = doneMessages[params.get("done") ?? ""];
  // Members read and write live; visitors read the server's copy without loading the editor.
  const liveAllowed = me !== null && can.isMember;
  const [Editor, setEditor] = useState<ComponentType<StatementEditorProps> | null>(null);
  const [report, setReport] = useState<EditorReport>({ live: false, failed: false, status: "" });
  const onReport = useCallback((next: EditorReport) => setReport(next), []);

  useEffect(() => {
    if (!liveAllowed) return;
    let cancelled = false;
    setReport({ live: false, failed: false, status: "Loading the live editor…" });
    import("~/components/statement-editor.client")
      .then((module) => {
        if (!cancelled) setEditor(() => module.default);
      })
      .catch(() => {
        if (!cancelled) {
          setReport({
            live: false,
            failed: true,
            status: "The live editor could not be loaded. The text shown is the last saved version. Reload the page to try again.",
          });
        }
      });
    return () => {
      cancelled = true;
    };
  }, [liveAllowed, statement.id]);

  const reason = textReadOnlyReason(can, statement, canEditText);
  const base = `/strategies/${strategy.id}/statements/${statement.id}`;
  return (
    <>
      {done ? <SuccessBanner>{done}</SuccessBanner> : null}
      <h2 className="govuk-heading-m app-editor__label" id={LABEL_ID} tabIndex={-1}>
        Text of the statement
      </h2>
      <p className={`govuk-body app-editor-status${report.failed ? " app-editor-status--problem" : ""}`} role="status">
        {report.status}
      </p>
      {report.live ? null : (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            {reason && (!liveAllowed || report.failed) ? <p className="govuk-inset-text">{reason}</p> : null}
            <StatementBodyView body={statement.bodyJson} />
            {canEditText ? (
              <noscript>
                <p className="govuk-inset-text">
                  The text is written live, with others, in the browser. To change it, turn on JavaScript and reload the page.
                </p>
              </noscript>
            ) : null}
          </div>
        </div>
      )}
      {Editor && me ? (
        <Editor
          tokenPath={`${base}/collab-token`}
          statementId={statement.id}
          me={me}
          canEdit={canEditText}
          readOnlyReason={reason}
          labelId={LABEL_ID}
          onReport={onReport}
        />
      ) : null}

      <h2 className="govuk-heading-m govuk-!-margin-top-8">How it links</h2>
      <StatementLinksSummary strategyId={strategy.id} kind={statement.kind} links={links} />
      {canEditDetails ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`${base}/details`}>
            Change links and details
          </Link>
        </p>
      ) : null}
    </>
  );
}
