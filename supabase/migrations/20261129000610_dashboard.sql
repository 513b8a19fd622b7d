-- The assurance dashboard's aggregations, computed in SQL so its server time stays nearly flat
-- however much evidence a strategy holds.
--
-- Counting evidence under Row Level Security on every request would read every row (and run the
-- visibility function on each), so evidence is tallied as it changes: public.evidence_tallies
-- holds, per evidence target (a measure, a commitment or a priority), category, status and
-- whether it may be published, how many items there are. A trigger on public.evidence keeps it,
-- and its policy gives each reader exactly the counts `evidenceCategoryCounts` would give them
-- (verified and submitted evidence only: returned and rejected evidence is not evidence yet).
--
-- Everything else is views created with security_invoker, so each reader's own RLS applies to the
-- tables underneath; they read priorities, commitments, measures, statements and tallies, never
-- the evidence table itself (each measure's status and its trend read a handful of evidence rows
-- through the (measure_id, period_end) index).

-- ---------------------------------------------------------------------------------------------
-- Evidence tallies.
create table public.evidence_tallies (
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  measure_id uuid references public.measures (id) on delete cascade,
  commitment_id uuid references public.commitments (id) on delete cascade,
  priority_id uuid references public.priorities (id) on delete cascade,
  category text not null check (category in (
    'peoples_experience', 'staff_leader_feedback', 'partner_feedback', 'observation', 'processes', 'outcomes')),
  status text not null check (status in ('submitted', 'verified')),
  -- What a visitor of a public strategy may see: anything but a story, or a story whose teller
  -- agreed to its publication (as app.can_read_evidence decides for a single item).
  publishable boolean not null,
  n integer not null check (n >= 0),
  check (num_nonnulls(measure_id, commitment_id, priority_id) = 1),
  constraint evidence_tallies_key unique nulls not distinct
    (strategy_id, measure_id, commitment_id, priority_id, category, status, publishable)
);
create index evidence_tallies_measure_idx on public.evidence_tallies (measure_id) where measure_id is not null;
create index evidence_tallies_commitment_idx on public.evidence_tallies (commitment_id) where commitment_id is not null;
create index evidence_tallies_priority_idx on public.evidence_tallies (priority_id) where priority_id is not null;

comment on table public.evidence_tallies is
  'How much verified and submitted evidence each target has, by category and publishability; kept by a trigger on public.evidence.';

-- Takes a changed item out of its old tally and adds it to its new one. Security definer because
-- no client may write tallies; the trigger runs for whoever changed the evidence, which RLS on
-- public.evidence has already allowed. An update that changes nothing the tally is keyed by
-- (a title, a note) leaves the tallies alone, so reviews do not contend on a row for nothing.
create or replace function app.tally_evidence() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and (
    old.strategy_id, old.measure_id, old.commitment_id, old.priority_id, old.category, old.status,
    old.kind <> 'story' or old.consent_publish
  ) is not distinct from (
    new.strategy_id, new.measure_id, new.commitment_id, new.priority_id, new.category, new.status,
    new.kind <> 'story' or new.consent_publish
  ) then
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') and old.status in ('submitted', 'verified') then
    -- No row to take from when a cascade (a deleted measure, say) has already removed the tally.
    update public.evidence_tallies t
       set n = t.n - 1
     where t.strategy_id = old.strategy_id
       and t.measure_id is not distinct from old.measure_id
       and t.commitment_id is not distinct from old.commitment_id
       and t.priority_id is not distinct from old.priority_id
       and t.category = old.category
       and t.status = old.status
       and t.publishable = (old.kind <> 'story' or old.consent_publish);
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.status in ('submitted', 'verified') then
    insert into public.evidence_tallies as t
      (strategy_id, measure_id, commitment_id, priority_id, category, status, publishable, n)
    values (new.strategy_id, new.measure_id, new.commitment_id, new.priority_id, new.category, new.status,
            new.kind <> 'story' or new.consent_publish, 1)
    on conflict on constraint evidence_tallies_key do update set n = t.n + 1;
  end if;
  return null;
end
$$;
create trigger evidence_tally after insert or update or delete on public.evidence
  for each row execute function app.tally_evidence();

insert into public.evidence_tallies (strategy_id, measure_id, commitment_id, priority_id, category, status, publishable, n)
select strategy_id, measure_id, commitment_id, priority_id, category, status, kind <> 'story' or consent_publish, count(*)
  from public.evidence
 where status in ('submitted', 'verified')
 group by 1, 2, 3, 4, 5, 6, 7;

revoke all on public.evidence_tallies from anon, authenticated, service_role;
grant select on public.evidence_tallies to anon, authenticated;
grant select, insert, update, delete on public.evidence_tallies to service_role;
alter table public.evidence_tallies enable row level security;

-- The same answer app.can_read_evidence gives for each item, for the items tallies count
-- (submitted and verified): members see both, whether or not they may be published; anyone else
-- who may read the strategy sees verified evidence that may be published.
create policy "tallies count what the reader may see" on public.evidence_tallies
  for select to anon, authenticated using (
    app.is_member(strategy_id)
    or (status = 'verified' and publishable and app.can_read_strategy(strategy_id))
  );

-- ---------------------------------------------------------------------------------------------
-- Triangulation: each priority's evidence by category, across the priority, its commitments and
-- the measures linked to either. A measure linked to a priority twice (directly and through a
-- commitment) is counted once, as `evidenceCategoryCounts` counts each item once.
create view public.dashboard_triangulation with (security_invoker = true) as
with reached as (
  select p.strategy_id, p.id as priority_id, t.category, t.status, t.n
    from public.priorities p join public.evidence_tallies t on t.priority_id = p.id
  union all
  select c.strategy_id, c.priority_id, t.category, t.status, t.n
    from public.commitments c join public.evidence_tallies t on t.commitment_id = c.id
  union all
  select r.strategy_id, r.priority_id, t.category, t.status, t.n
    from (
      select distinct l.strategy_id, coalesce(l.priority_id, c.priority_id) as priority_id, l.measure_id
        from public.measure_links l left join public.commitments c on c.id = l.commitment_id
    ) r
    join public.evidence_tallies t on t.measure_id = r.measure_id
)
select strategy_id,
       priority_id,
       category,
       coalesce(sum(n) filter (where status = 'verified'), 0)::int as verified,
       coalesce(sum(n) filter (where status = 'submitted'), 0)::int as unverified
  from reached
 where priority_id is not null
 group by strategy_id, priority_id, category
having sum(n) > 0;

-- ---------------------------------------------------------------------------------------------
-- The current measures that show progress on each priority (directly or through one of its
-- commitments), once each, with the responsible parties of the current commitments they are
-- linked through (for "what are regulators on the hook for?").
create view public.dashboard_priority_measures with (security_invoker = true) as
select l.strategy_id,
       coalesce(l.priority_id, c.priority_id) as priority_id,
       l.measure_id,
       coalesce(array_agg(distinct party order by party) filter (where party is not null), '{}') as parties
  from public.measure_links l
  -- Both sides name the strategy, so a filter on it reaches the measures' index too.
  join public.measures m on m.id = l.measure_id and m.strategy_id = l.strategy_id and m.archived_at is null
  left join public.commitments c on c.id = l.commitment_id
  left join lateral unnest(case when c.archived_at is null then c.responsible_parties end) as party on true
 group by l.strategy_id, coalesce(l.priority_id, c.priority_id), l.measure_id;

-- ---------------------------------------------------------------------------------------------
-- The current commitments (not archived, in a current priority) and where their sign-off stands,
-- as the sign-off matrix's filters say it: agreed (app.commitment_is_signed_off), and whether any
-- organisation is still to decide on the current revision or has objected to it. The two can both
-- be true; neither is true once it is agreed.
create view public.dashboard_commitments with (security_invoker = true) as
select c.strategy_id,
       c.priority_id,
       c.id as commitment_id,
       c.responsible_parties,
       app.commitment_is_signed_off(c.id) as agreed,
       exists (select 1 from public.sign_off_cells x where x.commitment_id = c.id and x.state = 'waiting') as waiting,
       exists (select 1 from public.sign_off_cells x where x.commitment_id = c.id and x.state = 'objected') as objected
  from public.commitments c
  join public.priorities p on p.id = c.priority_id
 where c.archived_at is null and p.archived_at is null;

-- ---------------------------------------------------------------------------------------------
-- Each priority's current statements (those its page lists) and how many are agreed (agreed or
-- published), and the co-production balance of those statements by role group, aggregated as the
-- statements pages aggregate a statement's (writing and comments are members' only, by RLS).
create view public.dashboard_statements with (security_invoker = true) as
select l.strategy_id,
       l.priority_id,
       count(distinct s.id)::int as total,
       count(distinct s.id) filter (where s.status in ('agreed', 'published'))::int as agreed
  from public.statement_links l
  join public.statements s on s.id = l.statement_id and s.archived_at is null
 where l.priority_id is not null
 group by l.strategy_id, l.priority_id;

create view public.dashboard_balance with (security_invoker = true) as
with chosen as (
  select distinct l.strategy_id, l.priority_id, s.id as statement_id, s.content_hash
    from public.statement_links l
    join public.statements s on s.id = l.statement_id and s.archived_at is null
   where l.priority_id is not null
), measured as (
  select ch.strategy_id, ch.priority_id, c.role_group, c.chars_added::bigint as chars_added, c.edits::bigint as edits,
         0::bigint as comments, 0::bigint as endorsements
    from chosen ch join public.statement_contributions c on c.statement_id = ch.statement_id
  union all
  select ch.strategy_id, ch.priority_id, c.author_role_group, 0, 0, 1, 0
    from chosen ch join public.statement_comments c on c.statement_id = ch.statement_id
  union all
  select ch.strategy_id, ch.priority_id, e.role_group, 0, 0, 0, 1
    from chosen ch join public.statement_endorsements e on e.statement_id = ch.statement_id and e.content_hash = ch.content_hash
)
select strategy_id, priority_id, role_group,
       sum(chars_added)::bigint as chars_added, sum(edits)::bigint as edits,
       sum(comments)::bigint as comments, sum(endorsements)::bigint as endorsements
  from measured
 group by strategy_id, priority_id, role_group;

-- ---------------------------------------------------------------------------------------------
-- The latest verified value of each measure, in exactly the order public.measure_statuses picks
-- it (period, then entry, newest first): its lateral then reads one row per measure and runs the
-- evidence policy once, however many values the measure has. Without it the scan also read the
-- next period's row to finish sorting, and did more policy work the more evidence there was.
create index evidence_latest_verified_idx on public.evidence (measure_id, period_end desc, created_at desc, id desc)
  where kind = 'data_point' and status = 'verified';

-- ---------------------------------------------------------------------------------------------
-- Each measure's latest verified values, for the dashboard's small charts: at most p_limit per
-- measure, read backwards from the unique (measure_id, period_end) index of submitted and
-- verified data points, so the scan stops after a dozen however many values a measure has.
--
-- Security definer, so Row Level Security is not checked row by row: running the evidence
-- policy's function on each value made this the one part of the dashboard that grew with the
-- evidence. It is the same rule, checked once: app.can_read_evidence lets every reader of the
-- strategy see verified evidence that is not a story, and a data point is never a story; measures
-- are readable by every reader of the strategy. Nobody else gets a row.
create or replace function app.dashboard_trend_points(p_strategy_id uuid, p_limit integer)
returns table (measure_id uuid, id uuid, period_start date, period_end date, value numeric, judgement text, source text)
language sql stable security definer set search_path = '' as $$
  select m.id, x.id, x.period_start, x.period_end, x.value, x.judgement, x.source
    from public.measures m
    cross join lateral (
      select e.id, e.period_start, e.period_end, e.value, e.judgement, e.source
        from public.evidence e
       where e.measure_id = m.id and e.kind = 'data_point' and e.status in ('submitted', 'verified')
         and e.status = 'verified'
       order by e.period_end desc
       limit least(greatest(p_limit, 0), 50)
    ) x
   where m.strategy_id = p_strategy_id and app.can_read_strategy(p_strategy_id)
$$;
revoke all on function app.dashboard_trend_points(uuid, integer) from public;
grant execute on function app.dashboard_trend_points(uuid, integer) to anon, authenticated, service_role;

grant select on public.dashboard_triangulation, public.dashboard_priority_measures, public.dashboard_commitments,
  public.dashboard_statements, public.dashboard_balance to anon, authenticated, service_role;
