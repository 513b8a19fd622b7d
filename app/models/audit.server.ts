import type { Tx } from "~/platform/db.server";
import {
  REFERENCE_COLUMNS,
  SYSTEM_ACTOR_NAME,
  UNSEEN_ACTOR_NAME,
  WITHHELD_ACTOR_NAME,
  type AuditEntityType,
  type HistoryEntry,
} from "~/domain/audit";

export type { HistoryEntry } from "~/domain/audit";

/**
 * Reading the audit log. Nothing here writes it: database triggers do, for every audited table.
 * Row Level Security decides which entries a reader sees, and whose names and which titles are
 * resolved for them: a person whose profile the reader may not see is "Someone".
 */

type Row = Omit<HistoryEntry, "seq" | "occurredAt" | "names"> & { seq: string; occurredAt: Date | string };

// An anonymised story's teller is not named in its history either, except to reviewers and to the
// teller: their own entries about it show no actor, and the created row loses submitted_by.
const entryColumns = `a.seq::text as seq, a.occurred_at as "occurredAt",
  case when w.withheld then null else a.actor_id end as "actorId",
  case when w.withheld then $3::text when a.actor_id is null then $1::text
       else coalesce(p.chosen_name, p.display_name, $2::text) end as "actorName",
  a.strategy_id as "strategyId", a.entity_type as "entityType", a.entity_id as "entityId", a.action,
  case when w.withheld then a.details - 'submitted_by' else a.details end as details`;

const entryFrom = `from public.audit_log a left join public.profiles p on p.id = a.actor_id
  left join lateral (
    select true as withheld from public.evidence e
     where a.entity_type = 'evidence' and e.id = a.entity_id and e.kind = 'story' and e.anonymised
       and e.submitted_by = a.actor_id
       and not (app.can_review_evidence(e.strategy_id) or e.submitted_by is not distinct from auth.uid())
  ) w on true`;

/** An item's history, newest first. A member's history is every entry about them (entity id = user id). */
export async function listHistoryFor(
  tx: Tx,
  entityType: AuditEntityType | AuditEntityType[],
  entityId: string,
  { strategyId, limit = 200 }: { strategyId?: string; limit?: number } = {},
): Promise<HistoryEntry[]> {
  const types = Array.isArray(entityType) ? entityType : [entityType];
  const rows = await tx.query<Row>(
    `select ${entryColumns} ${entryFrom}
      where a.entity_type = any($4::text[]) and a.entity_id = $5 and ($6::uuid is null or a.strategy_id = $6)
      order by a.seq desc
      limit $7`,
    [SYSTEM_ACTOR_NAME, UNSEEN_ACTOR_NAME, WITHHELD_ACTOR_NAME, types, entityId, strategyId ?? null, limit],
  );
  return withNames(tx, rows);
}

export type HistoryPage = {
  entries: HistoryEntry[];
  /** Pass as `before` for the next, older page; null when there is none. */
  olderBefore: number | null;
};

/** A strategy's history, newest first, one page at a time; optionally only some kinds of item. */
export async function listStrategyHistory(
  tx: Tx,
  strategyId: string,
  { limit, before, entityTypes }: { limit: number; before?: number; entityTypes?: AuditEntityType[] },
): Promise<HistoryPage> {
  const rows = await tx.query<Row>(
    `select ${entryColumns} ${entryFrom}
      where a.strategy_id = $4
        and ($5::bigint is null or a.seq < $5)
        and ($6::text[] is null or a.entity_type = any($6::text[]))
      order by a.seq desc
      limit $7`,
    [
      SYSTEM_ACTOR_NAME,
      UNSEEN_ACTOR_NAME,
      WITHHELD_ACTOR_NAME,
      strategyId,
      before ?? null,
      entityTypes?.length ? entityTypes : null,
      limit + 1,
    ],
  );
  const page = rows.slice(0, limit);
  const entries = await withNames(tx, page);
  return { entries, olderBefore: rows.length > limit ? entries[entries.length - 1].seq : null };
}

/** Resolves the ids each entry refers to into what the reader may see of them, in one query. */
async function withNames(tx: Tx, rows: Row[]): Promise<HistoryEntry[]> {
  const referencedBy = rows.map(referencedIds);
  const ids = [...new Set(referencedBy.flat())];
  const found = ids.length
    ? await tx.query<{ id: string; name: string }>(
        `select id::text, title as name from public.strategies where id = any($1::uuid[])
         union all select id::text, title from public.priorities where id = any($1::uuid[])
         union all select id::text, text from public.commitments where id = any($1::uuid[])
         union all select id::text, figure from public.context_figures where id = any($1::uuid[])
         union all select id::text, name from public.organisations where id = any($1::uuid[])
         union all select id::text, email from public.invitations where id = any($1::uuid[])
         union all select id::text, coalesce(chosen_name, display_name) from public.profiles where id = any($1::uuid[])
         union all select id::text, title from public.statements where id = any($1::uuid[])
         union all select id::text, number::text from public.statement_versions where id = any($1::uuid[])
         union all select id::text, name from public.measures where id = any($1::uuid[])
         union all select 'unit:' || id::text, unit from public.measures where id = any($1::uuid[]) and unit is not null
         union all select id::text, title from public.evidence where id = any($1::uuid[])`,
        [ids],
      )
    : [];
  const names = new Map(found.map((r) => [r.id, r.name]));
  return rows.map((row, i) => ({
    ...row,
    seq: Number(row.seq),
    occurredAt: new Date(row.occurredAt).toISOString(),
    // A measure's unit comes with its name (as "unit:<id>"), so a value can be said as "7.1%".
    names: Object.fromEntries(
      referencedBy[i].flatMap((id) => [id, `unit:${id}`]).flatMap((key) => (names.has(key) ? [[key, names.get(key)!]] : [])),
    ),
  }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function referencedIds(row: Row): string[] {
  const ids: unknown[] = [row.entityId];
  const changes = (row.details.changes ?? {}) as Record<string, { from?: unknown; to?: unknown }>;
  for (const column of REFERENCE_COLUMNS) {
    ids.push(row.details[column], changes[column]?.from, changes[column]?.to);
  }
  return ids.filter((id): id is string => typeof id === "string" && UUID.test(id));
}
