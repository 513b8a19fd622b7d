import type { Tx } from "~/platform/db.server";
import type { CategoryCount, EvidenceCategory } from "~/domain/evidence";
import { ROLE_GROUPS, type RoleGroup } from "~/domain/statements";
import type { ResponsibleParty } from "~/domain/responsible-parties";
import {
  DASHBOARD_TREND_POINTS,
  noMeasureCounts,
  overallStatus,
  type Dashboard,
  type DashboardBalanceRow,
  type DashboardDataPoint,
  type DashboardMeasure,
  type DashboardPriority,
} from "~/domain/dashboard";

/**
 * The assurance dashboard of a strategy, read from the dashboard's security_invoker views
 * (supabase/migrations/20261129000610_dashboard.sql), so each reader sees the counts their own
 * RLS allows. Every query is per strategy and grouped in SQL; none reads the evidence table row
 * by row: triangulation comes from the evidence tallies, each measure's status from one indexed
 * row, and its trend from app.dashboard_trend_points (the last dozen verified values, with the
 * strategy's visibility checked once).
 *
 * With a responsible party, a priority shows only its current commitments naming that party and
 * the measures linked to them, and priorities with none are left out; its statements and
 * evidence are still the whole priority's.
 */
export async function loadDashboard(tx: Tx, strategyId: string, filter: { party?: ResponsibleParty }): Promise<Dashboard> {
  const party = filter.party ?? null;
  const priorities = await tx.query<{ id: string; title: string; number: number }>(
    `select p.id, p.title, (row_number() over (order by p.position))::int as number
       from public.priorities p
      where p.strategy_id = $1 and p.archived_at is null
      order by p.position`,
    [strategyId],
  );

  // Each priority's measures with their status (public.measure_statuses) and how many of the
  // priority's measures share it, counted in the same query.
  const measures = await tx.query<Omit<DashboardMeasure, "points"> & { priorityId: string; statusCount: number }>(
    `select pm.priority_id as "priorityId", m.id, m.name, m.kind, m.unit, m.direction,
            m.baseline_value::float8 as "baselineValue", to_char(m.baseline_date, 'YYYY-MM-DD') as "baselineDate",
            m.baseline_source as "baselineSource", m.target_value::float8 as "targetValue",
            to_char(m.target_date, 'YYYY-MM-DD') as "targetDate", m.target_is_example as "targetIsExample",
            m.tolerance::float8 as tolerance, m.on_track_threshold::float8 as "onTrackThreshold",
            m.off_track_threshold::float8 as "offTrackThreshold",
            jsonb_build_object(
              'status', s.status, 'reason', s.reason, 'latestValue', s.latest_value::float8,
              'latestJudgement', s.latest_judgement, 'latestPeriodEnd', to_char(s.latest_period_end, 'YYYY-MM-DD'),
              'expectedValue', s.expected_value::float8) as rag,
            (count(*) over (partition by pm.priority_id, s.status))::int as "statusCount"
       from public.dashboard_priority_measures pm
       join public.measures m on m.id = pm.measure_id
       join public.measure_statuses s on s.measure_id = m.id and s.strategy_id = $1
      where pm.strategy_id = $1 and ($2::text is null or $2 = any(pm.parties))
      order by lower(m.name), m.id`,
    [strategyId, party],
  );

  // The small charts' values: the last few verified values of each of the strategy's measures.
  const points = await tx.query<DashboardDataPoint & { measureId: string }>(
    `select t.measure_id as "measureId", t.id, to_char(t.period_start, 'YYYY-MM-DD') as "periodStart",
            to_char(t.period_end, 'YYYY-MM-DD') as "periodEnd", t.value::float8 as value, t.judgement, t.source
       from app.dashboard_trend_points($1, $2) t
      order by t.measure_id, t.period_end`,
    [strategyId, DASHBOARD_TREND_POINTS],
  );
  const pointsByMeasure = new Map<string, DashboardDataPoint[]>();
  for (const { measureId, ...point } of points) {
    const list = pointsByMeasure.get(measureId);
    if (list) list.push(point);
    else pointsByMeasure.set(measureId, [point]);
  }

  const commitments = await tx.query<{ priorityId: string; total: number; agreed: number; waiting: number; objected: number }>(
    `select priority_id as "priorityId", count(*)::int as total,
            count(*) filter (where agreed)::int as agreed,
            count(*) filter (where waiting)::int as waiting,
            count(*) filter (where objected)::int as objected
       from public.dashboard_commitments
      where strategy_id = $1 and ($2::text is null or $2 = any(responsible_parties))
      group by priority_id`,
    [strategyId, party],
  );

  const statements = await tx.query<{ priorityId: string; total: number; agreed: number }>(
    `select priority_id as "priorityId", total, agreed from public.dashboard_statements where strategy_id = $1`,
    [strategyId],
  );

  const balance = await tx.query<Omit<DashboardBalanceRow, "textShare"> & { priorityId: string }>(
    `select priority_id as "priorityId", role_group as "roleGroup", chars_added::int as "charsAdded", edits::int as edits,
            comments::int as comments, endorsements::int as endorsements
       from public.dashboard_balance where strategy_id = $1`,
    [strategyId],
  );

  const triangulation = await tx.query<CategoryCount & { priorityId: string }>(
    `select priority_id as "priorityId", category, verified, unverified
       from public.dashboard_triangulation where strategy_id = $1
      order by category`,
    [strategyId],
  );

  const result: DashboardPriority[] = [];
  for (const p of priorities) {
    const own = commitments.find((c) => c.priorityId === p.id);
    if (party && !own) continue;
    const rows = measures.filter((m) => m.priorityId === p.id);
    const mine = rows.map(({ priorityId: _, statusCount: __, ...m }) => ({ ...m, points: pointsByMeasure.get(m.id) ?? [] }));
    const measureCounts = noMeasureCounts();
    for (const row of rows) measureCounts[row.rag.status] = row.statusCount;
    result.push({
      id: p.id,
      number: p.number,
      title: p.title,
      measures: mine,
      measureCounts,
      overall: overallStatus(mine.map((m) => ({ name: m.name, status: m.rag.status }))),
      commitments: own ? { total: own.total, agreed: own.agreed, waiting: own.waiting, objected: own.objected } : { total: 0, agreed: 0, waiting: 0, objected: 0 },
      statements: pickStatements(statements.find((s) => s.priorityId === p.id)),
      balance: balanceRows(balance.filter((b) => b.priorityId === p.id)),
      triangulation: triangulation
        .filter((t) => t.priorityId === p.id)
        .map((t) => ({ category: t.category as EvidenceCategory, verified: t.verified, unverified: t.unverified })),
    });
  }
  return { strategyId, filter: party ? { party } : {}, priorities: result };
}

const pickStatements = (row: { total: number; agreed: number } | undefined) => ({ total: row?.total ?? 0, agreed: row?.agreed ?? 0 });

// Every role group gets a row, in the order of ROLE_GROUPS, with its share of the writing as the
// statements pages work it out (a percentage of all characters written, to one decimal place).
function balanceRows(rows: (Omit<DashboardBalanceRow, "textShare"> & { roleGroup: string })[]): DashboardBalanceRow[] {
  const written = rows.reduce((sum, r) => sum + r.charsAdded, 0);
  return ROLE_GROUPS.map((roleGroup: RoleGroup) => {
    const r = rows.find((row) => row.roleGroup === roleGroup);
    const charsAdded = r?.charsAdded ?? 0;
    return {
      roleGroup,
      charsAdded,
      textShare: written ? Math.round((1000 * charsAdded) / written) / 10 : 0,
      edits: r?.edits ?? 0,
      comments: r?.comments ?? 0,
      endorsements: r?.endorsements ?? 0,
    };
  });
}
