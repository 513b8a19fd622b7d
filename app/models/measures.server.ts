import type { Tx } from "~/platform/db.server";
import type {
  Judgement,
  MeasureDataSource,
  MeasureDirection,
  MeasureFrequency,
  MeasureKind,
  MeasureStatusRow,
  MeasureUnit,
  RagMethod,
  RagStatus,
} from "~/domain/measures";
import type { ResponsibleParty } from "~/domain/responsible-parties";

/**
 * Assurance measures, their links to commitments and priorities, their status and their data
 * points. The status is read from the view public.measure_statuses, the one RAG rule; nothing
 * here works it out again. Row Level Security decides what the reader sees: anyone who may read
 * the strategy reads its measures; only evaluators and facilitators change them.
 */

/** What a commitment or priority a measure shows progress on is called on the page. */
export type MeasureLink = {
  id: string;
  commitmentId: string | null;
  priorityId: string;
  /** The priority's place among the strategy's current priorities, 0 when it is archived. */
  priorityNumber: number;
  priorityTitle: string;
  /** The commitment's words; null for a link to the priority itself. */
  commitmentText: string | null;
};

export type Measure = {
  id: string;
  strategyId: string;
  name: string;
  definition: string;
  kind: MeasureKind;
  unit: MeasureUnit | null;
  direction: MeasureDirection | null;
  baselineValue: number | null;
  baselineDate: string | null;
  baselineSource: string | null;
  targetValue: number | null;
  targetDate: string | null;
  targetIsExample: boolean;
  frequency: MeasureFrequency;
  dataSource: MeasureDataSource;
  dataSourceDetail: string;
  ragMethod: RagMethod;
  tolerance: number | null;
  onTrackThreshold: number | null;
  offTrackThreshold: number | null;
  archivedAt: string | null;
  /** Its status from public.measure_statuses. */
  rag: MeasureStatusRow;
  links: MeasureLink[];
};

const linkJson = `coalesce((
    select jsonb_agg(jsonb_build_object(
             'id', l.id, 'commitmentId', l.commitment_id, 'priorityId', p.id, 'priorityTitle', p.title,
             'priorityNumber', case when p.archived_at is null then (
               select count(*)::int from public.priorities q
                where q.strategy_id = p.strategy_id and q.archived_at is null and q.position <= p.position) else 0 end,
             'commitmentText', c.text)
           order by p.position, c.position nulls first)
      from public.measure_links l
      left join public.commitments c on c.id = l.commitment_id
      join public.priorities p on p.id = coalesce(l.priority_id, c.priority_id)
     where l.measure_id = m.id), '[]'::jsonb)`;

const measureColumns = `m.id, m.strategy_id as "strategyId", m.name, m.definition, m.kind, m.unit, m.direction,
  m.baseline_value::float8 as "baselineValue", to_char(m.baseline_date, 'YYYY-MM-DD') as "baselineDate",
  m.baseline_source as "baselineSource", m.target_value::float8 as "targetValue",
  to_char(m.target_date, 'YYYY-MM-DD') as "targetDate", m.target_is_example as "targetIsExample", m.frequency,
  m.data_source as "dataSource", m.data_source_detail as "dataSourceDetail", m.rag_method as "ragMethod",
  m.tolerance::float8 as tolerance, m.on_track_threshold::float8 as "onTrackThreshold",
  m.off_track_threshold::float8 as "offTrackThreshold", m.archived_at as "archivedAt",
  jsonb_build_object(
    'status', s.status, 'reason', s.reason, 'latestValue', s.latest_value::float8,
    'latestJudgement', s.latest_judgement, 'latestPeriodEnd', to_char(s.latest_period_end, 'YYYY-MM-DD'),
    'expectedValue', s.expected_value::float8) as rag,
  ${linkJson} as links`;

const measureFrom = `from public.measures m join public.measure_statuses s on s.measure_id = m.id`;

/**
 * A strategy's measures by name, each with its status and links; only those that show progress on
 * one priority (directly or through one of its commitments) when asked. Archived ones only when asked.
 * With a status, only measures in it; with a responsible party, only measures linked to a current
 * commitment naming that party (of the priority, when one is asked for), as the dashboard counts them.
 */
export async function listMeasures(
  tx: Tx,
  strategyId: string,
  {
    priorityId = null,
    includeArchived = false,
    status = null,
    party = null,
  }: { priorityId?: string | null; includeArchived?: boolean; status?: RagStatus | null; party?: ResponsibleParty | null } = {},
): Promise<Measure[]> {
  return tx.query<Measure>(
    `select ${measureColumns} ${measureFrom}
      where m.strategy_id = $1 and ($2 or m.archived_at is null)
        and ($3::uuid is null or exists (
          select 1 from public.measure_links l left join public.commitments c on c.id = l.commitment_id
           where l.measure_id = m.id and (l.priority_id = $3 or c.priority_id = $3)))
        and ($4::text is null or s.status = $4)
        and ($5::text is null or exists (
          select 1 from public.measure_links l join public.commitments c on c.id = l.commitment_id
           where l.measure_id = m.id and c.archived_at is null and $5 = any(c.responsible_parties)
             and ($3::uuid is null or c.priority_id = $3)))
      order by lower(m.name), m.id`,
    [strategyId, includeArchived, priorityId, status, party],
  );
}

/** The current measures that show progress on a priority, directly or through one of its commitments. */
export async function listMeasuresForPriority(tx: Tx, priorityId: string): Promise<Measure[]> {
  return tx.query<Measure>(
    `select ${measureColumns} ${measureFrom}
      where m.archived_at is null and exists (
        select 1 from public.measure_links l left join public.commitments c on c.id = l.commitment_id
         where l.measure_id = m.id and (l.priority_id = $1 or c.priority_id = $1))
      order by lower(m.name), m.id`,
    [priorityId],
  );
}

/** The current measures linked to a commitment. */
export async function listMeasuresForCommitment(tx: Tx, commitmentId: string): Promise<Measure[]> {
  return tx.query<Measure>(
    `select ${measureColumns} ${measureFrom}
      where m.archived_at is null
        and exists (select 1 from public.measure_links l where l.measure_id = m.id and l.commitment_id = $1)
      order by lower(m.name), m.id`,
    [commitmentId],
  );
}

/** One measure of a strategy, or undefined. */
export async function getMeasure(tx: Tx, strategyId: string, id: string): Promise<Measure | undefined> {
  return tx.one<Measure>(`select ${measureColumns} ${measureFrom} where m.strategy_id = $1 and m.id = $2`, [strategyId, id]);
}

/** What an evaluator writes when defining or changing a measure. */
export type MeasureDetails = Omit<Measure, "id" | "strategyId" | "archivedAt" | "rag" | "links">;

const detailColumns = [
  "name",
  "definition",
  "kind",
  "unit",
  "direction",
  "baseline_value",
  "baseline_date",
  "baseline_source",
  "target_value",
  "target_date",
  "target_is_example",
  "frequency",
  "data_source",
  "data_source_detail",
  "rag_method",
  "tolerance",
  "on_track_threshold",
  "off_track_threshold",
] as const;

const detailValues = (d: MeasureDetails) => [
  d.name,
  d.definition,
  d.kind,
  d.unit,
  d.direction,
  d.baselineValue,
  d.baselineDate,
  d.baselineSource,
  d.targetValue,
  d.targetDate,
  d.targetIsExample,
  d.frequency,
  d.dataSource,
  d.dataSourceDetail,
  d.ragMethod,
  d.tolerance,
  d.onTrackThreshold,
  d.offTrackThreshold,
];

/** Inserts a measure; returns its id. */
export async function insertMeasure(tx: Tx, strategyId: string, details: MeasureDetails): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `insert into public.measures (strategy_id, ${detailColumns.join(", ")})
     values ($1, ${detailColumns.map((_, i) => `$${i + 2}`).join(", ")}) returning id`,
    [strategyId, ...detailValues(details)],
  );
  return row!.id;
}

/** Changes a measure's details in one statement (one entry in its history). False when no such measure could be changed. */
export async function updateMeasureDetails(tx: Tx, strategyId: string, id: string, details: MeasureDetails): Promise<boolean> {
  const rows = await tx.query(
    `update public.measures set ${detailColumns.map((c, i) => `${c} = $${i + 3}`).join(", ")}
      where strategy_id = $1 and id = $2 returning id`,
    [strategyId, id, ...detailValues(details)],
  );
  return rows.length === 1;
}

/** Archives or restores a measure; archiving twice keeps the first date. False when not changed. */
export async function setMeasureArchived(tx: Tx, strategyId: string, id: string, archived: boolean): Promise<boolean> {
  const rows = await tx.query(
    `update public.measures
        set archived_at = case when $3 then coalesce(archived_at, now()) else null end
      where strategy_id = $1 and id = $2 returning id`,
    [strategyId, id, archived],
  );
  return rows.length === 1;
}

/** What a measure is linked to, as ids. */
export async function listMeasureLinkIds(tx: Tx, measureId: string): Promise<{ commitmentIds: string[]; priorityIds: string[] }> {
  const rows = await tx.query<{ commitmentId: string | null; priorityId: string | null }>(
    `select commitment_id as "commitmentId", priority_id as "priorityId" from public.measure_links where measure_id = $1`,
    [measureId],
  );
  return {
    commitmentIds: rows.flatMap((r) => (r.commitmentId ? [r.commitmentId] : [])),
    priorityIds: rows.flatMap((r) => (r.priorityId ? [r.priorityId] : [])),
  };
}

/** Links a measure to a commitment or to a priority (exactly one). */
export async function insertMeasureLink(
  tx: Tx,
  input: { strategyId: string; measureId: string } & ({ commitmentId: string } | { priorityId: string }),
): Promise<void> {
  await tx.query(
    `insert into public.measure_links (strategy_id, measure_id, commitment_id, priority_id) values ($1, $2, $3, $4)`,
    [input.strategyId, input.measureId, "commitmentId" in input ? input.commitmentId : null, "priorityId" in input ? input.priorityId : null],
  );
}

/** Removes a measure's link to a commitment or a priority. */
export async function deleteMeasureLink(
  tx: Tx,
  input: { measureId: string } & ({ commitmentId: string } | { priorityId: string }),
): Promise<void> {
  if ("commitmentId" in input) {
    await tx.query("delete from public.measure_links where measure_id = $1 and commitment_id = $2", [input.measureId, input.commitmentId]);
  } else {
    await tx.query("delete from public.measure_links where measure_id = $1 and priority_id = $2", [input.measureId, input.priorityId]);
  }
}

/** One value (or milestone judgement) reported for a measure. */
export type DataPoint = {
  id: string;
  value: number | null;
  judgement: Judgement | null;
  periodStart: string | null;
  periodEnd: string;
  source: string;
  title: string;
  /** Only verified values count towards the status; the others are shown, marked "not yet verified". */
  verified: boolean;
};

/**
 * A measure's data points in period order: verified ones and those submitted but not yet
 * verified (returned and rejected ones are not part of the series). Read from public.evidence,
 * so the reader sees only what the evidence policy lets them.
 */
export async function listDataPoints(tx: Tx, measureId: string): Promise<DataPoint[]> {
  return tx.query<DataPoint>(
    `select e.id, e.value::float8 as value, e.judgement, to_char(e.period_start, 'YYYY-MM-DD') as "periodStart",
            to_char(e.period_end, 'YYYY-MM-DD') as "periodEnd", e.source, e.title, e.status = 'verified' as verified
       from public.evidence e
      where e.measure_id = $1 and e.kind = 'data_point' and e.status in ('submitted', 'verified')
      order by e.period_end, e.created_at, e.id`,
    [measureId],
  );
}

/** A priority and its commitments, as the measure form offers them for linking. */
export type MeasureLinkChoice = {
  priorityId: string;
  /** "Priority 2: …", or "Archived priority: …". */
  priorityLabel: string;
  priorityArchived: boolean;
  commitments: { id: string; label: string; archived: boolean }[];
};

/**
 * What a measure can be linked to: the strategy's current priorities and commitments, in order,
 * plus any archived ones in `keep` (what the measure is already linked to), so saving the form
 * never drops a link the person could not see.
 */
export async function listMeasureLinkChoices(
  tx: Tx,
  strategyId: string,
  keep: { priorityIds: string[]; commitmentIds: string[] } = { priorityIds: [], commitmentIds: [] },
): Promise<MeasureLinkChoice[]> {
  const rows = await tx.query<{
    priorityId: string;
    priorityTitle: string;
    priorityNumber: number;
    priorityArchived: boolean;
    commitmentId: string | null;
    commitmentText: string | null;
    commitmentNumber: number | null;
    commitmentArchived: boolean | null;
  }>(
    `select p.id as "priorityId", p.title as "priorityTitle",
            (select count(*)::int from public.priorities q
              where q.strategy_id = p.strategy_id and q.archived_at is null and q.position <= p.position) as "priorityNumber",
            p.archived_at is not null as "priorityArchived",
            c.id as "commitmentId", c.text as "commitmentText",
            (select count(*)::int from public.commitments d
              where d.priority_id = c.priority_id and d.archived_at is null and d.position <= c.position) as "commitmentNumber",
            c.archived_at is not null as "commitmentArchived"
       from public.priorities p
       left join public.commitments c on c.priority_id = p.id
        and (c.archived_at is null or c.id = any($3::uuid[]))
      where p.strategy_id = $1
        and (p.archived_at is null or p.id = any($2::uuid[])
             or exists (select 1 from public.commitments k where k.priority_id = p.id and k.id = any($3::uuid[])))
      order by p.position, c.position`,
    [strategyId, keep.priorityIds, keep.commitmentIds],
  );
  const groups: MeasureLinkChoice[] = [];
  for (const r of rows) {
    let group = groups.find((g) => g.priorityId === r.priorityId);
    if (!group) {
      group = {
        priorityId: r.priorityId,
        priorityLabel: r.priorityArchived ? `Archived priority: ${r.priorityTitle}` : `Priority ${r.priorityNumber}: ${r.priorityTitle}`,
        priorityArchived: r.priorityArchived,
        commitments: [],
      };
      groups.push(group);
    }
    if (r.commitmentId && r.commitmentText) {
      group.commitments.push({
        id: r.commitmentId,
        label: r.commitmentArchived ? `Archived commitment: ${r.commitmentText}` : `Commitment ${r.commitmentNumber}: ${r.commitmentText}`,
        archived: Boolean(r.commitmentArchived),
      });
    }
  }
  return groups;
}
