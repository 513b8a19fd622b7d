import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { SuccessBanner } from "~/components/banner";
import { roleLabels } from "~/domain/roles";
import { scopeLabels, strategyStatusLabels } from "~/domain/strategy";
import { listVisibleStrategies } from "~/models/strategies.server";
import { withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = () => pageTitle("Strategies");

export async function loader({ context }: LoaderFunctionArgs) {
  const strategies = await withDb(context, listVisibleStrategies);
  return { strategies, signedIn: Boolean(context.user) };
}

export default function Home() {
  const { strategies, signedIn } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const mine = strategies.filter((s) => s.myRoles.length > 0);
  const others = strategies.filter((s) => s.myRoles.length === 0);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {params.get("signedOut") ? <SuccessBanner>You have signed out.</SuccessBanner> : null}
        <h1 className="govuk-heading-xl">Workforce strategies</h1>
        <p className="govuk-body-l">
          Write a social care workforce strategy together with the people it is for, agree who does what, and show
          whether it is working.
        </p>
        {signedIn ? (
          <Link to="/strategies/new" className="govuk-button">
            Start a new strategy
          </Link>
        ) : (
          <p className="govuk-body">
            Anyone can read a public strategy. <Link className="govuk-link" to="/sign-in">Sign in</Link> to work on
            a strategy you have been invited to, or to start one.
          </p>
        )}
        {mine.length ? (
          <>
            <h2 className="govuk-heading-l">Your strategies</h2>
            <StrategyList strategies={mine} />
          </>
        ) : null}
        <h2 className="govuk-heading-l">{mine.length ? "Other public strategies" : "Public strategies"}</h2>
        {others.length ? <StrategyList strategies={others} /> : <p className="govuk-body">There are no other public strategies yet.</p>}
      </div>
    </div>
  );
}

function StrategyList({ strategies }: { strategies: Awaited<ReturnType<typeof loader>>["strategies"] }) {
  return (
    <ul className="govuk-list">
      {strategies.map((s) => (
        <li key={s.id} className="app-card">
          <h3 className="govuk-heading-m govuk-!-margin-bottom-2">
            <Link className="govuk-link" to={`/strategies/${s.id}`}>
              {s.title}
            </Link>
          </h3>
          <p className="govuk-body-s govuk-!-margin-bottom-2">
            {scopeLabels[s.scope]}
            {s.area ? `: ${s.area}` : ""} · {strategyStatusLabels[s.status]} ·{" "}
            {s.visibility === "public" ? "Public" : "Private"} · {s.priorityCount} priorities · {s.commitmentCount} commitments
          </p>
          {s.summary ? <p className="govuk-body">{s.summary}</p> : null}
          {s.myRoles.length ? (
            <p className="govuk-body-s">Your roles: {s.myRoles.map((r) => roleLabels[r]).join(", ")}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
