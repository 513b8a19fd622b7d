-- Who may see an entry of the history is now one rule, `app.history_visible_to`, fed the reader's
-- standing, as evidence visibility already was (…0920). The history's policy feeds it the current
-- reader's standing once per query; the live hub feeds it the standing of every viewer of a
-- strategy at once, in one query, instead of taking on each viewer's role in turn and asking the
-- policy again (about 1.5 ms a viewer, mostly planning the standing lookups anew for each, which
-- put live delivery with 150 distinct viewers at over half a second: `npm run bench:dashboard`).
-- The rules themselves are unchanged.

-- ---------------------------------------------------------------------------------------------
-- A reader's standing, each part stated once, for any number of readers at once (by index from
-- 1; a null reader is a visitor): the strategies they may read (public ones and their own), are
-- a member of, review evidence in (evaluators and facilitators), and facilitate. Set-based, so
-- the live hub asks them for all of a strategy's viewers in one query each. Only the service role
-- may ask them of others; everyone asks them of themselves through the reader_* functions below.
create or replace function app.member_strategy_ids_of(p_readers uuid[]) returns table (reader_index bigint, ids uuid[])
language sql stable security definer set search_path = '' as $$
  select v.i, coalesce((select array_agg(m.strategy_id) from public.strategy_members m where m.user_id = v.uid), '{}')
    from unnest(p_readers) with ordinality as v(uid, i)
$$;

create or replace function app.readable_strategy_ids_of(p_readers uuid[]) returns table (reader_index bigint, ids uuid[])
language sql stable security definer set search_path = '' as $$
  select m.reader_index, p.ids || m.ids
    from app.member_strategy_ids_of(p_readers) m
   cross join (select coalesce(array_agg(s.id), '{}') as ids from public.strategies s where s.visibility = 'public') p
$$;

create or replace function app.review_strategy_ids_of(p_readers uuid[]) returns table (reader_index bigint, ids uuid[])
language sql stable security definer set search_path = '' as $$
  select v.i, coalesce((select array_agg(distinct r.strategy_id) from public.member_roles r
                         where r.user_id = v.uid and r.role in ('evaluator', 'facilitator')), '{}')
    from unnest(p_readers) with ordinality as v(uid, i)
$$;

create or replace function app.facilitate_strategy_ids_of(p_readers uuid[]) returns table (reader_index bigint, ids uuid[])
language sql stable security definer set search_path = '' as $$
  select v.i, coalesce((select array_agg(distinct r.strategy_id) from public.member_roles r
                         where r.user_id = v.uid and r.role = 'facilitator'), '{}')
    from unnest(p_readers) with ordinality as v(uid, i)
$$;

revoke all on function app.readable_strategy_ids_of(uuid[]), app.member_strategy_ids_of(uuid[]),
  app.review_strategy_ids_of(uuid[]), app.facilitate_strategy_ids_of(uuid[]) from public, anon, authenticated;

/** Every part of many readers' standing, in order: for the live hub. */
create or replace function app.standing_of(p_readers uuid[])
returns table (reader_index bigint, reader uuid, readable uuid[], member uuid[], review uuid[], facilitate uuid[])
language sql stable security definer set search_path = '' as $$
  select r.reader_index, p_readers[r.reader_index], r.ids, m.ids, v.ids, f.ids
    from app.readable_strategy_ids_of(p_readers) r
    join app.member_strategy_ids_of(p_readers) m using (reader_index)
    join app.review_strategy_ids_of(p_readers) v using (reader_index)
    join app.facilitate_strategy_ids_of(p_readers) f using (reader_index)
   order by r.reader_index
$$;
revoke all on function app.standing_of(uuid[]) from public, anon, authenticated;
grant execute on function app.standing_of(uuid[]) to service_role;

create or replace function app.reader_readable_strategy_ids() returns uuid[]
language sql stable security definer set search_path = '' as $$
  select s.ids from app.readable_strategy_ids_of(array[auth.uid()]) s
$$;

create or replace function app.reader_member_strategy_ids() returns uuid[]
language sql stable security definer set search_path = '' as $$
  select s.ids from app.member_strategy_ids_of(array[auth.uid()]) s
$$;

create or replace function app.reader_review_strategy_ids() returns uuid[]
language sql stable security definer set search_path = '' as $$
  select s.ids from app.review_strategy_ids_of(array[auth.uid()]) s
$$;

/** The strategies the current reader facilitates. */
create or replace function app.reader_facilitate_strategy_ids() returns uuid[]
language sql stable security definer set search_path = '' as $$
  select s.ids from app.facilitate_strategy_ids_of(array[auth.uid()]) s
$$;
revoke all on function app.reader_facilitate_strategy_ids() from public;
grant execute on function app.reader_facilitate_strategy_ids() to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- The evidence rule takes the reader as an argument too (it asked auth.uid() itself), so it can
-- be asked for someone other than the current reader. It no longer pins its search path: Postgres
-- never inlines a function with a SET clause, so until now it ran as a function call on every
-- row; inlined into the evidence policy, reading 3,000 items is 4 to 7 times faster. The two
-- rules are security invoker and name every schema, so the caller's search path changes nothing.
drop policy "evidence is seen by whom it may be" on public.evidence;
drop policy "history follows what it describes" on public.audit_log;
drop function app.evidence_visible_to(uuid, text, text, boolean, uuid, uuid[], uuid[], uuid[]);
drop function app.evidence_visibility_facts(uuid);

/**
 * THE evidence visibility rule. Reviewers and the submitter see everything; other members see
 * submitted and verified evidence; anyone else who may read the strategy sees verified evidence,
 * and a story only if its teller agreed to its publication.
 */
create or replace function app.evidence_visible_to(
  p_strategy_id uuid, p_status text, p_kind text, p_consent_publish boolean, p_submitted_by uuid,
  p_reader uuid, p_review_strategy_ids uuid[], p_member_strategy_ids uuid[], p_readable_strategy_ids uuid[]
) returns boolean
language sql stable as $$
  select case
    when p_strategy_id = any (p_review_strategy_ids) or p_submitted_by = p_reader then true
    when p_strategy_id = any (p_member_strategy_ids) then p_status in ('submitted', 'verified')
    else p_status = 'verified' and p_strategy_id = any (p_readable_strategy_ids) and (p_kind <> 'story' or p_consent_publish)
  end
$$;
grant execute on function app.evidence_visible_to(uuid, text, text, boolean, uuid, uuid, uuid[], uuid[], uuid[])
  to anon, authenticated, service_role;

create policy "evidence is seen by whom it may be" on public.evidence
  for select to anon, authenticated using (
    app.evidence_visible_to(strategy_id, status, kind, consent_publish, submitted_by, (select auth.uid()),
      (select app.reader_review_strategy_ids()), (select app.reader_member_strategy_ids()),
      (select app.reader_readable_strategy_ids()))
  );

create or replace function app.can_read_evidence(
  p_strategy_id uuid, p_status text, p_kind text, p_consent_publish boolean, p_submitted_by uuid
) returns boolean
language sql stable security definer set search_path = '' as $$
  select app.evidence_visible_to(p_strategy_id, p_status, p_kind, p_consent_publish, p_submitted_by, auth.uid(),
    case when app.can_review_evidence(p_strategy_id) then array[p_strategy_id] else '{}'::uuid[] end,
    case when app.is_member(p_strategy_id) then array[p_strategy_id] else '{}'::uuid[] end,
    case when app.can_read_strategy(p_strategy_id) then array[p_strategy_id] else '{}'::uuid[] end)
$$;

-- ---------------------------------------------------------------------------------------------
-- The facts of one evidence item that its visibility depends on, read past RLS (security
-- definer) by primary key, for the history's rule, which applies the evidence rule to them.
create type app.evidence_facts as (strategy_id uuid, status text, kind text, consent_publish boolean, submitted_by uuid);

create or replace function app.evidence_facts_of(p_evidence_id uuid) returns app.evidence_facts
language sql stable security definer set search_path = '' as $$
  select row(e.strategy_id, e.status, e.kind, e.consent_publish, e.submitted_by)::app.evidence_facts
    from public.evidence e
   where e.id = p_evidence_id
$$;
revoke all on function app.evidence_facts_of(uuid) from public;
grant execute on function app.evidence_facts_of(uuid) to anon, authenticated, service_role;

/**
 * THE history visibility rule: history follows what it describes. The strategy's structure and
 * decisions are seen by whoever may read the strategy; membership, comments and requests by its
 * members; evidence by whoever may see the evidence (p_evidence: its facts, for evidence entries);
 * invitations by its facilitators; the organisation directory by everyone. The hub's query gets it
 * inlined; the policy runs it as a call per row (Postgres will not inline a function whose
 * subquery arguments it would have to copy), which costs no more than the policy's old CASE did.
 */
create or replace function app.history_visible_to(
  p_entity_type text, p_strategy_id uuid, p_evidence app.evidence_facts, p_reader uuid,
  p_readable_strategy_ids uuid[], p_member_strategy_ids uuid[], p_review_strategy_ids uuid[],
  p_facilitate_strategy_ids uuid[]
) returns boolean
language sql stable as $$
  select case
    when p_entity_type in ('strategy', 'priority', 'context_figure', 'commitment', 'statement', 'statement_link',
      'statement_version', 'statement_endorsement', 'sign_off_organisation', 'sign_off_decision', 'publication',
      'measure', 'measure_link')
      then p_strategy_id = any (p_readable_strategy_ids)
    when p_entity_type in ('member', 'member_role', 'statement_comment', 'sign_off_request', 'sign_off_default')
      then p_strategy_id = any (p_member_strategy_ids)
    when p_entity_type = 'evidence' then coalesce(app.evidence_visible_to(
      (p_evidence).strategy_id, (p_evidence).status, (p_evidence).kind, (p_evidence).consent_publish,
      (p_evidence).submitted_by, p_reader, p_review_strategy_ids, p_member_strategy_ids, p_readable_strategy_ids), false)
    when p_entity_type = 'invitation' then p_strategy_id = any (p_facilitate_strategy_ids)
    when p_entity_type = 'organisation' then true
    else false
  end
$$;
grant execute on function app.history_visible_to(text, uuid, app.evidence_facts, uuid, uuid[], uuid[], uuid[], uuid[])
  to anon, authenticated, service_role;

create policy "history follows what it describes" on public.audit_log
  for select to anon, authenticated using (
    app.history_visible_to(entity_type, strategy_id,
      case when entity_type = 'evidence' then app.evidence_facts_of(entity_id) end,
      (select auth.uid()), (select app.reader_readable_strategy_ids()), (select app.reader_member_strategy_ids()),
      (select app.reader_review_strategy_ids()), (select app.reader_facilitate_strategy_ids()))
  );

-- ---------------------------------------------------------------------------------------------
-- Which of a strategy's changes (after p_after, up to p_upto) each viewer may see: the history's
-- rule, asked for every viewer (p_readers, null for a visitor) in one query, with each change's
-- evidence facts read once and each viewer's standing once. Returns the viewer's index from 0.
-- Only the service role (the live hub) may call it: it answers for people other than the caller.
drop function app.live_visible_changes(uuid, bigint, bigint, jsonb);
create or replace function app.live_visible_changes(p_strategy_id uuid, p_after bigint, p_upto bigint, p_readers uuid[])
returns table (viewer integer, seq bigint)
language sql stable set search_path = '' as $$
  with changes as materialized (
    select a.seq, a.entity_type, a.strategy_id,
           case when a.entity_type = 'evidence' then app.evidence_facts_of(a.entity_id) end as evidence
      from public.audit_log a
     where a.strategy_id = p_strategy_id and a.seq > p_after and a.seq <= p_upto
  ), standing as materialized (
    select * from app.standing_of(p_readers)
  )
  select (s.reader_index - 1)::integer, c.seq
    from standing s cross join changes c
   where app.history_visible_to(c.entity_type, c.strategy_id, c.evidence, s.reader,
           s.readable, s.member, s.review, s.facilitate)
   order by 1, 2
$$;
revoke all on function app.live_visible_changes(uuid, bigint, bigint, uuid[]) from public, anon, authenticated;
grant execute on function app.live_visible_changes(uuid, bigint, bigint, uuid[]) to service_role;
