-- Who may see a piece of evidence, asked per row, was the most expensive thing the database did:
-- `app.can_read_evidence` runs up to three nested security-definer lookups (reviewer? member?
-- readable?) for every row, about 0.16 ms each, so reading a strategy's evidence, or its history
-- (whose policy asked `exists (… public.evidence … app.can_read_evidence(…))`, which Postgres could
-- even turn into a hashed scan of ALL the evidence), grew with the evidence, and the live hub,
-- which asks the history's policy as each viewer in every round, fell seconds behind with 150
-- viewers (`npm run bench:dashboard`).
--
-- The rule itself is unchanged and now stated once, in `app.evidence_visible_to`, a plain SQL
-- expression over the item and the reader's standing: the strategies where they review evidence,
-- where they are a member, and which they may read. The policies pass that standing as
-- uncorrelated subqueries, `(select app.reader_review_strategy_ids())`, which Postgres evaluates
-- once per query, not once per row; `app.can_read_evidence` (the files policy and single checks)
-- passes the standing for the one strategy it is asked about.

/** The strategies where the current reader reviews evidence (an evaluator or a facilitator). */
create or replace function app.reader_review_strategy_ids() returns uuid[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(distinct r.strategy_id), '{}')
    from public.member_roles r
   where r.user_id = auth.uid() and r.role in ('evaluator', 'facilitator')
$$;

/** The strategies the current reader is a member of. */
create or replace function app.reader_member_strategy_ids() returns uuid[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(m.strategy_id), '{}')
    from public.strategy_members m
   where m.user_id = auth.uid()
$$;

/** The strategies the current reader may read: public ones and their own (as app.can_read_strategy). */
create or replace function app.reader_readable_strategy_ids() returns uuid[]
language sql stable security definer set search_path = '' as $$
  select coalesce(array_agg(s.id), '{}')
    from public.strategies s
   where s.visibility = 'public' or app.is_member(s.id)
$$;

revoke all on function app.reader_review_strategy_ids(), app.reader_member_strategy_ids(),
  app.reader_readable_strategy_ids() from public;
grant execute on function app.reader_review_strategy_ids(), app.reader_member_strategy_ids(),
  app.reader_readable_strategy_ids() to anon, authenticated, service_role;

/**
 * THE evidence visibility rule. Reviewers and the submitter see everything; other members see
 * submitted and verified evidence; anyone else who may read the strategy sees verified evidence,
 * and a story only if its teller agreed to its publication. Plain SQL (not security definer), so
 * Postgres inlines it into the policy that calls it.
 */
create or replace function app.evidence_visible_to(
  p_strategy_id uuid, p_status text, p_kind text, p_consent_publish boolean, p_submitted_by uuid,
  p_review_strategy_ids uuid[], p_member_strategy_ids uuid[], p_readable_strategy_ids uuid[]
) returns boolean
language sql stable set search_path = '' as $$
  select case
    when p_strategy_id = any (p_review_strategy_ids) or p_submitted_by = auth.uid() then true
    when p_strategy_id = any (p_member_strategy_ids) then p_status in ('submitted', 'verified')
    else p_status = 'verified' and p_strategy_id = any (p_readable_strategy_ids) and (p_kind <> 'story' or p_consent_publish)
  end
$$;
grant execute on function app.evidence_visible_to(uuid, text, text, boolean, uuid, uuid[], uuid[], uuid[])
  to anon, authenticated, service_role;

-- One item, as the files policy and single checks ask it: the same rule, with the reader's
-- standing in the one strategy concerned.
create or replace function app.can_read_evidence(
  p_strategy_id uuid, p_status text, p_kind text, p_consent_publish boolean, p_submitted_by uuid
) returns boolean
language sql stable security definer set search_path = '' as $$
  select app.evidence_visible_to(p_strategy_id, p_status, p_kind, p_consent_publish, p_submitted_by,
    case when app.can_review_evidence(p_strategy_id) then array[p_strategy_id] else '{}'::uuid[] end,
    case when app.is_member(p_strategy_id) then array[p_strategy_id] else '{}'::uuid[] end,
    case when app.can_read_strategy(p_strategy_id) then array[p_strategy_id] else '{}'::uuid[] end)
$$;

drop policy "evidence is seen by whom it may be" on public.evidence;
create policy "evidence is seen by whom it may be" on public.evidence
  for select to anon, authenticated using (
    app.evidence_visible_to(strategy_id, status, kind, consent_publish, submitted_by,
      (select app.reader_review_strategy_ids()), (select app.reader_member_strategy_ids()),
      (select app.reader_readable_strategy_ids()))
  );

/**
 * The facts of one evidence item that its visibility depends on, read past RLS (security
 * definer) by primary key, for the history's policy, which applies the rule itself.
 */
create or replace function app.evidence_visibility_facts(p_evidence_id uuid)
returns table (strategy_id uuid, status text, kind text, consent_publish boolean, submitted_by uuid)
language sql stable security definer set search_path = '' as $$
  select e.strategy_id, e.status, e.kind, e.consent_publish, e.submitted_by
    from public.evidence e
   where e.id = p_evidence_id
$$;
revoke all on function app.evidence_visibility_facts(uuid) from public;
grant execute on function app.evidence_visibility_facts(uuid) to anon, authenticated, service_role;

drop policy "history follows what it describes" on public.audit_log;
create policy "history follows what it describes" on public.audit_log
  for select to anon, authenticated using (
    case
      when entity_type in ('strategy', 'priority', 'context_figure', 'commitment', 'statement', 'statement_link',
        'statement_version', 'statement_endorsement', 'sign_off_organisation', 'sign_off_decision', 'publication',
        'measure', 'measure_link')
        then strategy_id = any ((select app.reader_readable_strategy_ids())::uuid[])
      when entity_type in ('member', 'member_role', 'statement_comment', 'sign_off_request', 'sign_off_default')
        then strategy_id = any ((select app.reader_member_strategy_ids())::uuid[])
      when entity_type = 'evidence' then exists (
        select 1 from app.evidence_visibility_facts(audit_log.entity_id) f
         where app.evidence_visible_to(f.strategy_id, f.status, f.kind, f.consent_publish, f.submitted_by,
           (select app.reader_review_strategy_ids()), (select app.reader_member_strategy_ids()),
           (select app.reader_readable_strategy_ids())))
      when entity_type = 'invitation' then app.has_role(strategy_id, array['facilitator'])
      when entity_type = 'organisation' then true
      else false
    end
  );
