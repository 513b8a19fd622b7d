import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { InfoBanner } from "~/components/banner";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { StatementStatusTag, statementCaption } from "~/components/statement";
import { StatementNav } from "~/components/statement-nav";
import { presenceRoleLabel, roleGroupColours, roleGroupOf, type PresenceUser } from "~/domain/presence";
import { countOpenThreads } from "~/models/statements.server";
import { canArchiveStatement, canEditStatementDetails } from "~/policies/statement";
import { withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStatementFor } from "~/utils/statement-route.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? data.statement.title : "Statement");

/** The frame of every statement page; its tabs read this data with useStatementLayoutData(). */
export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy, actor, can, statement, canEditText } = await loadStatementFor(tx, context, params);
    const openThreadCount = can.canReadDiscussion ? await countOpenThreads(tx, statement.id) : 0;
    const roles = actor.roles.map((r) => r.role);
    const group = roleGroupOf(roles);
    const me: PresenceUser | null = context.user
      ? { id: context.user.id, name: context.user.name, roleGroup: group, roleLabel: presenceRoleLabel(roles), color: roleGroupColours[group] }
      : null;
    return {
      strategy: { id: strategy.id, title: strategy.title, requireLivedExperienceToAgree: strategy.requireLivedExperienceToAgree },
      can,
      statement,
      canEditText,
      canEditDetails: canEditStatementDetails(actor, strategy, statement),
      canArchive: canArchiveStatement(actor, strategy, statement),
      openThreadCount,
      me,
    };
  });
}

export default function StatementLayout() {
  const { strategy, can, statement, openThreadCount } = useLoaderData<typeof loader>();
  const list = `/strategies/${strategy.id}/statements`;
  return (
    <>
      <Breadcrumbs items={[{ to: list, label: "Statements" }]} />
      {statement.archivedAt ? (
        <InfoBanner>
          <p className="govuk-notification-banner__heading">This statement is archived</p>
          <p className="govuk-body">
            It does not appear in the strategy’s list of statements, and its text cannot be changed. The person who started it, or
            a facilitator, can restore it from Links and details.
          </p>
        </InfoBanner>
      ) : null}
      <span className="govuk-caption-m app-statement-caption">
        {statementCaption(statement)} <StatementStatusTag status={statement.status} />
      </span>
      <h1 className="govuk-heading-l">{statement.title}</h1>
      <StatementNav
        statementPath={`${list}/${statement.id}`}
        canReadDiscussion={can.canReadDiscussion}
        openThreadCount={openThreadCount}
      />
      <div className="govuk-!-margin-top-6">
        <Outlet />
      </div>
    </>
  );
}
