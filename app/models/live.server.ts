import type { Claims, Tx } from "~/platform/db.server";
import { liveAnnouncement, type LiveEvent } from "~/domain/live";

/**
 * Reading the audit log for live change events. The log is the outbox: every change is a row,
 * numbered densely in commit order, so "everything after seq N" is exact and never misses one.
 */

/**
 * Where a page's live updates start: the strategy's latest change, or null when the reader may not
 * read the strategy. Run it first in a loader's transaction, so every later change is news.
 */
export async function liveCursor(tx: Tx, strategyId: string): Promise<number | null> {
  const row = await tx.one<{ cursor: string | null }>("select app.live_cursor($1)::text as cursor", [strategyId]);
  return row?.cursor == null ? null : Number(row.cursor);
}

/** As the service role: the latest change of all. */
export async function latestSeq(tx: Tx): Promise<number> {
  const row = await tx.one<{ seq: string | null }>("select max(seq)::text as seq from public.audit_log");
  return Number(row?.seq ?? 0);
}

/** As the service role: the latest change of one strategy. */
export async function latestSeqOf(tx: Tx, strategyId: string): Promise<number> {
  const row = await tx.one<{ seq: string | null }>(
    "select max(seq)::text as seq from public.audit_log where strategy_id = $1",
    [strategyId],
  );
  return Number(row?.seq ?? 0);
}

/** As the service role: each strategy's latest change after `after` (a range of the primary key). */
export async function latestSeqsSince(tx: Tx, after: number): Promise<{ strategyId: string; seq: number }[]> {
  const rows = await tx.query<{ strategyId: string; seq: string }>(
    `select strategy_id as "strategyId", max(seq)::text as seq from public.audit_log
      where seq > $1 and strategy_id is not null group by strategy_id`,
    [after],
  );
  return rows.map((r) => ({ strategyId: r.strategyId, seq: Number(r.seq) }));
}

/**
 * As the service role: where a page of at most `size` of the strategy's changes after `after`
 * ends, never beyond `upto`, so a viewer far behind catches up in bounded steps.
 */
export async function pageEnd(tx: Tx, strategyId: string, after: number, upto: number, size: number): Promise<number> {
  const row = await tx.one<{ seq: string }>(
    `select seq::text as seq from public.audit_log
      where strategy_id = $1 and seq > $2 and seq <= $3 order by seq offset $4 limit 1`,
    [strategyId, after, upto, size - 1],
  );
  return row ? Number(row.seq) : upto;
}

/** One viewer of a live stream: who they are to Row Level Security. */
export type LiveViewer = { claims: Claims | null };

/**
 * As the service role: which of the strategy's changes in (after, upto] each viewer may see,
 * decided by the history's own rule (app.history_visible_to) fed each viewer's standing, for all
 * viewers in one query (app.live_visible_changes). Returns, per viewer (by index), the visible
 * seqs in order.
 */
export async function visibleChanges(
  tx: Tx,
  strategyId: string,
  after: number,
  upto: number,
  viewers: LiveViewer[],
): Promise<number[][]> {
  const seen: number[][] = viewers.map(() => []);
  if (viewers.length === 0) return seen;
  const rows = await tx.query<{ viewer: number; seq: string }>(
    "select viewer, seq::text as seq from app.live_visible_changes($1, $2, $3, $4::uuid[])",
    [strategyId, after, upto, viewers.map((v) => v.claims?.sub ?? null)],
  );
  for (const row of rows) seen[row.viewer]!.push(Number(row.seq));
  return seen;
}

type FactsRow = {
  seq: string;
  strategyId: string;
  entityType: string;
  entityId: string | null;
  action: string;
  occurredAt: Date | string;
  status: string | null;
  evidenceKind: string | null;
  decision: string | null;
  organisationName: string | null;
  priorityPositions: number[] | null;
};

/**
 * As the service role: the events for these changes, the same for every viewer (each viewer gets
 * only the ones RLS lets them see). Only facts that anyone who may see the change may read: the
 * kind of thing, what happened, the priorities it bears on, a status and an organisation's name.
 */
export async function liveEventsFor(tx: Tx, seqs: number[]): Promise<LiveEvent[]> {
  if (seqs.length === 0) return [];
  const rows = await tx.query<FactsRow>(
    `select a.seq::text as seq, a.strategy_id as "strategyId", a.entity_type as "entityType",
            a.entity_id as "entityId", a.action, a.occurred_at as "occurredAt",
            coalesce(a.details -> 'changes' -> 'status' ->> 'to',
                     case when a.action = 'created' then a.details ->> 'status' end) as status,
            case when a.entity_type = 'evidence' then coalesce(e.kind, a.details ->> 'kind') end as "evidenceKind",
            case when a.entity_type = 'sign_off_decision' then a.details ->> 'decision' end as decision,
            o.name as "organisationName",
            (select array_agg(distinct p.position order by p.position)
               from public.priorities p
              where p.strategy_id = a.strategy_id and p.id in (
                select a.entity_id where a.entity_type = 'priority'
                union all
                select e.priority_id
                union all
                select c.priority_id from public.commitments c
                 where c.id = case
                   when a.entity_type = 'evidence' then e.commitment_id
                   when a.entity_type in ('commitment', 'sign_off_decision', 'sign_off_organisation', 'sign_off_request')
                     then a.entity_id end
                union all
                select coalesce(ml.priority_id, mc.priority_id) from public.measure_links ml
                  left join public.commitments mc on mc.id = ml.commitment_id
                 where ml.measure_id = case
                   when a.entity_type = 'evidence' then e.measure_id
                   when a.entity_type in ('measure', 'measure_link') then a.entity_id end
                union all
                select coalesce(sl.priority_id, sc.priority_id) from public.statement_links sl
                  left join public.commitments sc on sc.id = sl.commitment_id
                 where a.entity_type like 'statement%' and sl.statement_id = a.entity_id
              )) as "priorityPositions"
       from public.audit_log a
       left join public.evidence e on a.entity_type = 'evidence' and e.id = a.entity_id
       left join public.organisations o
         on a.entity_type = 'sign_off_decision' and o.id = (a.details ->> 'organisation_id')::uuid
      where a.seq = any ($1::bigint[])
      order by a.seq`,
    [seqs],
  );
  return rows.map((r) => {
    const priorityPositions = (r.priorityPositions ?? []).map(Number);
    return {
      seq: Number(r.seq),
      strategyId: r.strategyId,
      entityType: r.entityType,
      entityId: r.entityId,
      action: r.action,
      occurredAt: new Date(r.occurredAt).toISOString(),
      priorityPositions,
      announcement: liveAnnouncement({
        entityType: r.entityType,
        action: r.action,
        priorityPositions,
        evidenceKind: r.evidenceKind,
        status: r.status,
        decision: r.decision,
        organisationName: r.organisationName,
      }),
    };
  });
}
