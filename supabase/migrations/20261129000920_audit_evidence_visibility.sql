-- History entries about evidence follow the evidence's visibility. The policy asked it as
-- `exists (select 1 from public.evidence e where e.id = audit_log.entity_id and app.can_read_evidence(…))`,
-- which Postgres turns into one hashed scan of ALL the evidence (running the visibility function on
-- every row) whenever it expects many history rows: 1.2 s to read a strategy's recent history at
-- 2,000 evidence rows, growing with the evidence, for the History page and for every viewer in each
-- round of the live hub (found by `npm run bench:dashboard`). A function call cannot be hashed: each
-- entry looks up its own item by primary key.

/** Whether the current reader may see the evidence item with this id (false when there is none). */
create or replace function app.can_read_evidence_item(p_evidence_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce((
    select app.can_read_evidence(e.strategy_id, e.status, e.kind, e.consent_publish, e.submitted_by)
      from public.evidence e
     where e.id = p_evidence_id
  ), false)
$$;
revoke all on function app.can_read_evidence_item(uuid) from public;
grant execute on function app.can_read_evidence_item(uuid) to anon, authenticated, service_role;

drop policy "history follows what it describes" on public.audit_log;
create policy "history follows what it describes" on public.audit_log
  for select to anon, authenticated using (
    case
      when entity_type in ('strategy', 'priority', 'context_figure', 'commitment', 'statement', 'statement_link',
        'statement_version', 'statement_endorsement', 'sign_off_organisation', 'sign_off_decision', 'publication',
        'measure', 'measure_link')
        then app.can_read_strategy(strategy_id)
      when entity_type in ('member', 'member_role', 'statement_comment', 'sign_off_request', 'sign_off_default')
        then app.is_member(strategy_id)
      when entity_type = 'evidence' then app.can_read_evidence_item(entity_id)
      when entity_type = 'invitation' then app.has_role(strategy_id, array['facilitator'])
      when entity_type = 'organisation' then true
      else false
    end
  );
