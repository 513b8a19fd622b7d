-- Partner sign-off. Every change to a commitment's wording, responsible parties, lead
-- organisation or due date makes a new numbered revision with a content hash. A facilitator
-- chooses which organisations must sign each commitment off (with strategy-wide and per-priority
-- defaults) and asks them; a designated signatory of each organisation records its decision
-- (endorse, endorse with conditions, object) on one revision. A later revision makes earlier
-- decisions stale and asks again. A facilitator publishes immutable versions of the strategy.
-- Decisions, requests and publications are never changed or removed; all are in the audit log.

-- ---------------------------------------------------------------------------------------------
-- Revisions.
alter table public.commitments
  add column revision integer not null default 1 check (revision >= 1),
  add column content_hash text not null default '';

/** The SHA-256 of what a signatory signs: wording, responsible parties (in a fixed order), lead organisation, due date. */
create or replace function app.commitment_content_hash(
  p_text text, p_parties text[], p_lead_organisation_id uuid, p_due_date date
) returns text
language sql immutable set search_path = '' as $$
  select encode(sha256(convert_to(jsonb_build_object(
    'text', p_text,
    'responsible_parties', (select coalesce(jsonb_agg(x order by x), '[]'::jsonb) from unnest(p_parties) x),
    'lead_organisation_id', p_lead_organisation_id,
    'due_date', p_due_date
  )::text, 'UTF8')), 'hex')
$$;

create table public.commitment_revisions (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  commitment_id uuid not null references public.commitments (id) on delete cascade,
  number integer not null check (number >= 1),
  text text not null,
  responsible_parties text[] not null,
  lead_organisation_id uuid references public.organisations (id),
  due_date date,
  content_hash text not null,
  created_by uuid references auth.users (id),
  created_at timestamptz not null default now(),
  unique (commitment_id, number)
);

-- Existing commitments start at revision 1 (without an audit entry for this bookkeeping).
alter table public.commitments disable trigger audit_commitments;
update public.commitments
   set content_hash = app.commitment_content_hash(text, responsible_parties, lead_organisation_id, due_date);
alter table public.commitments enable trigger audit_commitments;
insert into public.commitment_revisions
  (strategy_id, commitment_id, number, text, responsible_parties, lead_organisation_id, due_date, content_hash, created_by, created_at)
select strategy_id, id, 1, text, responsible_parties, lead_organisation_id, due_date, content_hash, created_by, created_at
  from public.commitments;

-- The content hash is bookkeeping; the revision number is what people read in the history.
drop trigger audit_commitments on public.commitments;
create trigger audit_commitments after insert or update or delete on public.commitments
  for each row execute function app.audit_row_change('commitment', 'id', 'content_hash');

-- ---------------------------------------------------------------------------------------------
-- Who must sign off, and who may sign for an organisation.

/** Is the current user a designated signatory of the organisation in the strategy? */
create or replace function app.is_signatory_for(p_strategy_id uuid, p_organisation_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.member_roles r
     where r.strategy_id = p_strategy_id and r.user_id = auth.uid()
       and r.role = 'signatory' and r.organisation_id = p_organisation_id
  )
$$;

-- Default organisations: for the whole strategy (no priority) or for one priority. A new
-- commitment asks its priority's defaults when the priority has any, else the strategy's.
create table public.sign_off_defaults (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  priority_id uuid references public.priorities (id) on delete cascade,
  organisation_id uuid not null references public.organisations (id),
  created_by uuid references auth.users (id) default auth.uid(),
  created_at timestamptz not null default now(),
  constraint sign_off_defaults_unique unique nulls not distinct (strategy_id, priority_id, organisation_id)
);
create trigger sign_off_defaults_same_strategy before insert or update on public.sign_off_defaults
  for each row execute function app.check_same_strategy();

-- The organisations that must sign off one commitment.
create table public.sign_off_organisations (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  commitment_id uuid not null references public.commitments (id) on delete cascade,
  organisation_id uuid not null references public.organisations (id),
  added_by uuid references auth.users (id) default auth.uid(),
  added_at timestamptz not null default now(),
  unique (commitment_id, organisation_id)
);
create index sign_off_organisations_strategy_idx on public.sign_off_organisations (strategy_id);

create or replace function app.check_same_strategy_commitment() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (
    select 1 from public.commitments c where c.id = new.commitment_id and c.strategy_id = new.strategy_id
  ) then
    raise exception 'The commitment belongs to another strategy' using errcode = '23503';
  end if;
  return new;
end
$$;
create trigger sign_off_organisations_same_strategy before insert or update on public.sign_off_organisations
  for each row execute function app.check_same_strategy_commitment();

-- ---------------------------------------------------------------------------------------------
-- Requests: "please sign off revision N", one per organisation and revision. Made by a
-- facilitator, or by the database when a revised commitment asks again.
create table public.sign_off_requests (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  commitment_id uuid not null references public.commitments (id) on delete cascade,
  organisation_id uuid not null references public.organisations (id),
  revision integer not null check (revision >= 1),
  message text not null default '' check (length(message) <= 2000),
  asked_again boolean not null default false,
  requested_by uuid references auth.users (id),
  requested_at timestamptz not null default now(),
  unique (commitment_id, organisation_id, revision)
);
create index sign_off_requests_strategy_idx on public.sign_off_requests (strategy_id);

create or replace function app.sign_off_request_bookkeeping() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  current_revision integer;
begin
  select c.revision into current_revision
    from public.commitments c where c.id = new.commitment_id and c.strategy_id = new.strategy_id;
  if current_revision is null then
    raise exception 'The commitment belongs to another strategy' using errcode = '23503';
  end if;
  if not exists (
    select 1 from public.sign_off_organisations o
     where o.commitment_id = new.commitment_id and o.organisation_id = new.organisation_id
  ) then
    raise exception 'That organisation is not asked to sign off this commitment' using errcode = '23514';
  end if;
  new.revision := current_revision;
  new.requested_by := auth.uid();
  new.requested_at := now();
  return new;
end
$$;
create trigger sign_off_requests_bookkeeping before insert on public.sign_off_requests
  for each row execute function app.sign_off_request_bookkeeping();

-- ---------------------------------------------------------------------------------------------
-- Decisions: an organisation's decision on one revision, by one of its signatories.
create table public.sign_off_decisions (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  commitment_id uuid not null references public.commitments (id) on delete cascade,
  organisation_id uuid not null references public.organisations (id),
  revision integer not null check (revision >= 1),
  content_hash text not null default '',
  decision text not null check (decision in ('endorsed', 'endorsed_with_conditions', 'objected')),
  conditions text check (conditions is null or length(btrim(conditions)) between 3 and 4000),
  reason text check (reason is null or length(btrim(reason)) between 3 and 4000),
  signed_by uuid not null references auth.users (id),
  signed_by_name text not null default '',
  signed_at timestamptz not null default now(),
  unique (commitment_id, organisation_id, revision),
  check ((decision = 'endorsed_with_conditions') = (conditions is not null)),
  check ((decision = 'objected') = (reason is not null))
);
create index sign_off_decisions_strategy_idx on public.sign_off_decisions (strategy_id);

-- Binds the decision to the revision the signatory saw (the hash comes from that revision, never
-- from the client) and waits for an edit of the commitment in progress, so a decision is either
-- on the revision that was current or visibly stale. The lock is FOR NO KEY UPDATE, not FOR SHARE:
-- the last endorsement needed updates the commitment, and two decisions each holding a share lock
-- would deadlock there (40P01) instead of the second meeting the unique key (23505).
create or replace function app.sign_off_decision_bookkeeping() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  commitment public.commitments;
  signed public.commitment_revisions;
begin
  select * into commitment from public.commitments c
   where c.id = new.commitment_id and c.strategy_id = new.strategy_id
   for no key update;
  if commitment.id is null then
    raise exception 'The commitment belongs to another strategy' using errcode = '23503';
  end if;
  if commitment.archived_at is not null then
    raise exception 'An archived commitment cannot be signed off' using errcode = '23514';
  end if;
  if not exists (
    select 1 from public.sign_off_organisations o
     where o.commitment_id = new.commitment_id and o.organisation_id = new.organisation_id
  ) then
    raise exception 'That organisation is not asked to sign off this commitment' using errcode = '23514';
  end if;
  select * into signed from public.commitment_revisions r
   where r.commitment_id = new.commitment_id and r.number = new.revision;
  if signed.id is null then
    raise exception 'The commitment has no revision %', new.revision using errcode = '23503';
  end if;
  new.content_hash := signed.content_hash;
  new.signed_by_name := coalesce(
    (select coalesce(p.chosen_name, p.display_name) from public.profiles p where p.id = new.signed_by), '');
  new.signed_at := now();
  return new;
end
$$;
create trigger sign_off_decisions_bookkeeping before insert on public.sign_off_decisions
  for each row execute function app.sign_off_decision_bookkeeping();

/** Refuses any change or removal: the record of who asked, who signed and what was published stays as it was. */
create or replace function app.refuse_change() returns trigger
language plpgsql as $$
begin
  raise exception '% cannot be changed or removed', tg_argv[0] using errcode = '42501';
end
$$;
create trigger sign_off_decisions_append_only before update or delete on public.sign_off_decisions
  for each row execute function app.refuse_change('A sign-off decision');
create trigger sign_off_requests_append_only before update or delete on public.sign_off_requests
  for each row execute function app.refuse_change('A sign-off request');
create trigger commitment_revisions_append_only before update or delete on public.commitment_revisions
  for each row execute function app.refuse_change('A revision');

-- ---------------------------------------------------------------------------------------------
-- The agreed rule, in one place: every organisation asked has endorsed (with or without
-- conditions) the current revision, and at least one organisation is asked.
-- Security invoker: a reader learns only about commitments RLS lets them read (the triggers below
-- call it as the owner).
create or replace function app.commitment_is_signed_off(p_commitment_id uuid) returns boolean
language sql stable set search_path = '' as $$
  select exists (select 1 from public.sign_off_organisations o where o.commitment_id = p_commitment_id)
     and not exists (
       select 1
         from public.sign_off_organisations o
         join public.commitments c on c.id = o.commitment_id
        where o.commitment_id = p_commitment_id
          and not exists (
            select 1 from public.sign_off_decisions d
             where d.commitment_id = o.commitment_id and d.organisation_id = o.organisation_id
               and d.revision = c.revision and d.decision in ('endorsed', 'endorsed_with_conditions')
          )
     )
$$;

-- Keeps the revision, the hash and the agreed status honest on every write to a commitment.
create or replace function app.commitment_revision_bookkeeping() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.content_hash := app.commitment_content_hash(new.text, new.responsible_parties, new.lead_organisation_id, new.due_date);
  if tg_op = 'INSERT' then
    new.revision := 1;
    return new;
  end if;
  if new.content_hash is distinct from old.content_hash then
    new.revision := old.revision + 1;
    -- What was agreed is no longer what it says.
    if new.status = 'agreed' and old.status = 'agreed'
       and exists (select 1 from public.sign_off_organisations o where o.commitment_id = new.id) then
      new.status := 'proposed';
    end if;
  else
    new.revision := old.revision;
  end if;
  if new.status = 'agreed' and old.status is distinct from 'agreed' and new.revision = old.revision
     and exists (select 1 from public.sign_off_organisations o where o.commitment_id = new.id)
     and not app.commitment_is_signed_off(new.id) then
    raise exception 'A commitment is agreed when every organisation asked has endorsed its current revision'
      using errcode = '23514';
  end if;
  if new.status = 'agreed' and new.revision <> old.revision
     and exists (select 1 from public.sign_off_organisations o where o.commitment_id = new.id) then
    raise exception 'A commitment is agreed when every organisation asked has endorsed its current revision'
      using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger commitments_revision before insert or update on public.commitments
  for each row execute function app.commitment_revision_bookkeeping();

-- Records each revision, asks a new commitment's default organisations, and asks again the
-- organisations already asked when a commitment is revised.
create or replace function app.commitment_revision_recorded() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and new.revision = old.revision then
    return null;
  end if;
  insert into public.commitment_revisions
    (strategy_id, commitment_id, number, text, responsible_parties, lead_organisation_id, due_date, content_hash, created_by)
  values (new.strategy_id, new.id, new.revision, new.text, new.responsible_parties, new.lead_organisation_id,
          new.due_date, new.content_hash, auth.uid());
  if tg_op = 'INSERT' then
    insert into public.sign_off_organisations (strategy_id, commitment_id, organisation_id, added_by)
    select new.strategy_id, new.id, d.organisation_id, auth.uid()
      from public.sign_off_defaults d
     where d.strategy_id = new.strategy_id
       and d.priority_id is not distinct from (
         case when exists (select 1 from public.sign_off_defaults p where p.priority_id = new.priority_id)
              then new.priority_id end);
  else
    insert into public.sign_off_requests (strategy_id, commitment_id, organisation_id, revision, asked_again)
    select distinct new.strategy_id, new.id, q.organisation_id, new.revision, true
      from public.sign_off_requests q
      join public.sign_off_organisations o on o.commitment_id = q.commitment_id and o.organisation_id = q.organisation_id
     where q.commitment_id = new.id;
  end if;
  return null;
end
$$;
create trigger commitments_revision_recorded after insert or update on public.commitments
  for each row execute function app.commitment_revision_recorded();

-- The last endorsement needed makes a draft or proposed commitment agreed.
create or replace function app.sign_off_decision_recorded() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.decision <> 'objected' and app.commitment_is_signed_off(new.commitment_id) then
    update public.commitments set status = 'agreed'
     where id = new.commitment_id and status in ('draft', 'proposed');
  end if;
  return null;
end
$$;
create trigger sign_off_decisions_recorded after insert on public.sign_off_decisions
  for each row execute function app.sign_off_decision_recorded();

-- One more organisation to sign off an agreed commitment: it is not agreed until that one endorses
-- (an organisation asked again that had already endorsed the current revision changes nothing).
create or replace function app.sign_off_organisation_added() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.commitments set status = 'proposed'
   where id = new.commitment_id and status = 'agreed' and not app.commitment_is_signed_off(new.commitment_id);
  return null;
end
$$;
create trigger sign_off_organisations_added after insert on public.sign_off_organisations
  for each row execute function app.sign_off_organisation_added();

-- No longer asking the one organisation that had not endorsed leaves every remaining one endorsing
-- the current revision: the commitment is agreed, by the same rule as after a last endorsement.
create or replace function app.sign_off_organisation_removed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.commitments set status = 'agreed'
   where id = old.commitment_id and status in ('draft', 'proposed') and app.commitment_is_signed_off(old.commitment_id);
  return null;
end
$$;
create trigger sign_off_organisations_removed after delete on public.sign_off_organisations
  for each row execute function app.sign_off_organisation_removed();

-- ---------------------------------------------------------------------------------------------
-- The state of each (commitment, organisation) cell, for the matrix and every sign-off screen.
-- security_invoker: the reader's own RLS applies to every table underneath (a visitor sees no
-- requests, so nothing shows as "waiting" to them).
create view public.sign_off_cells with (security_invoker = true) as
select o.strategy_id,
       o.commitment_id,
       o.organisation_id,
       c.revision as current_revision,
       q.revision as requested_revision,
       q.requested_at,
       d.id as decision_id,
       d.revision as decided_revision,
       d.decision,
       d.conditions,
       d.reason,
       d.signed_by,
       d.signed_by_name,
       d.signed_at,
       case
         when d.revision = c.revision then d.decision
         when d.id is not null then 'stale'
         when q.id is not null then 'waiting'
         else 'not_requested'
       end as state,
       (q.revision = c.revision and d.revision is distinct from c.revision) as awaiting_decision
  from public.sign_off_organisations o
  join public.commitments c on c.id = o.commitment_id
  left join lateral (
    select * from public.sign_off_decisions d
     where d.commitment_id = o.commitment_id and d.organisation_id = o.organisation_id
     order by d.revision desc limit 1
  ) d on true
  left join lateral (
    select * from public.sign_off_requests q
     where q.commitment_id = o.commitment_id and q.organisation_id = o.organisation_id
     order by q.revision desc limit 1
  ) q on true;

-- ---------------------------------------------------------------------------------------------
-- Published versions of a strategy: a snapshot taken by the database, never changed.

/** The strategy as it stands: priorities, current commitments with their sign-off, agreed statements. */
create or replace function app.strategy_snapshot(p_strategy_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'strategy', (select jsonb_build_object('title', s.title, 'summary', s.summary, 'scope', s.scope, 'area', s.area)
                   from public.strategies s where s.id = p_strategy_id),
    'priorities', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', p.id, 'position', p.position, 'title', p.title, 'summary', p.summary,
        'commitments', coalesce((
          select jsonb_agg(jsonb_build_object(
            'id', c.id, 'position', c.position, 'text', c.text, 'responsible_parties', to_jsonb(c.responsible_parties),
            'lead_organisation', lo.name, 'due_date', c.due_date, 'status', c.status,
            'revision', c.revision, 'content_hash', c.content_hash,
            'agreed', app.commitment_is_signed_off(c.id),
            'sign_offs', coalesce((
              select jsonb_agg(jsonb_build_object(
                'organisation', org.name,
                'state', case when d.revision = c.revision then d.decision when d.id is not null then 'stale' else 'waiting' end,
                'decision', d.decision, 'revision', d.revision, 'signed_by_name', d.signed_by_name,
                'signed_at', d.signed_at, 'conditions', d.conditions, 'reason', d.reason
              ) order by org.name)
                from public.sign_off_organisations o
                join public.organisations org on org.id = o.organisation_id
                left join lateral (
                  select * from public.sign_off_decisions d
                   where d.commitment_id = o.commitment_id and d.organisation_id = o.organisation_id
                   order by d.revision desc limit 1
                ) d on true
               where o.commitment_id = c.id), '[]'::jsonb)
          ) order by c.position)
            from public.commitments c
            left join public.organisations lo on lo.id = c.lead_organisation_id
           where c.priority_id = p.id and c.archived_at is null), '[]'::jsonb)
      ) order by p.position)
        from public.priorities p
       where p.strategy_id = p_strategy_id and p.archived_at is null), '[]'::jsonb),
    'statements', coalesce((
      select jsonb_agg(jsonb_build_object('id', st.id, 'kind', st.kind, 'title', st.title, 'status', st.status,
                                          'text', st.body_text, 'content_hash', st.content_hash)
                       order by st.kind, st.title)
        from public.statements st
       where st.strategy_id = p_strategy_id and st.archived_at is null and st.status in ('agreed', 'published')), '[]'::jsonb)
  )
$$;

-- Only the publication trigger (as the owner) takes snapshots: called directly, a security definer
-- function would hand anyone a private strategy.
revoke all on function app.strategy_snapshot(uuid) from public, anon, authenticated, service_role;

create table public.strategy_publications (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  number integer not null default 0,
  title text not null default '',
  snapshot jsonb not null default '{}'::jsonb,
  content_hash text not null default '',
  commitments_total integer not null default 0,
  commitments_agreed integer not null default 0,
  all_agreed boolean not null default false,
  override_reason text check (override_reason is null or length(btrim(override_reason)) between 10 and 2000),
  published_by uuid references auth.users (id),
  published_by_name text not null default '',
  published_at timestamptz not null default now(),
  unique (strategy_id, number)
);

-- The database takes the snapshot, numbers it and decides whether every commitment was agreed;
-- publishing anyway needs a reason, which is kept and shown with the version.
create or replace function app.strategy_publication_bookkeeping() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform 1 from public.strategies s where s.id = new.strategy_id for no key update;
  new.number := coalesce((select max(number) from public.strategy_publications p where p.strategy_id = new.strategy_id), 0) + 1;
  new.snapshot := app.strategy_snapshot(new.strategy_id);
  new.title := new.snapshot -> 'strategy' ->> 'title';
  new.content_hash := encode(sha256(convert_to(new.snapshot::text, 'UTF8')), 'hex');
  select count(*), count(*) filter (where (c ->> 'agreed')::boolean)
    into new.commitments_total, new.commitments_agreed
    from jsonb_array_elements(new.snapshot -> 'priorities') p, jsonb_array_elements(p -> 'commitments') c;
  new.all_agreed := new.commitments_total > 0 and new.commitments_agreed = new.commitments_total;
  new.override_reason := nullif(btrim(new.override_reason), '');
  if new.all_agreed then
    new.override_reason := null;
  elsif new.override_reason is null then
    raise exception 'Not every commitment is agreed: give a reason to publish anyway' using errcode = '23514';
  end if;
  new.published_by := auth.uid();
  new.published_by_name := coalesce(
    (select coalesce(p.chosen_name, p.display_name) from public.profiles p where p.id = auth.uid()), '');
  new.published_at := now();
  return new;
end
$$;
create trigger strategy_publications_bookkeeping before insert on public.strategy_publications
  for each row execute function app.strategy_publication_bookkeeping();
create trigger strategy_publications_append_only before update or delete on public.strategy_publications
  for each row execute function app.refuse_change('A published version');

-- ---------------------------------------------------------------------------------------------
-- Audit: every choice of organisations, request, decision and publication. Their entity id is
-- the commitment's (or the publication's), so each commitment's history tells its whole story.
create trigger audit_sign_off_defaults after insert or delete on public.sign_off_defaults
  for each row execute function app.audit_row_change('sign_off_default', 'id');
create trigger audit_sign_off_organisations after insert or delete on public.sign_off_organisations
  for each row execute function app.audit_row_change('sign_off_organisation', 'commitment_id');
create trigger audit_sign_off_requests after insert on public.sign_off_requests
  for each row execute function app.audit_row_change('sign_off_request', 'commitment_id');
create trigger audit_sign_off_decisions after insert on public.sign_off_decisions
  for each row execute function app.audit_row_change('sign_off_decision', 'commitment_id');
create trigger audit_strategy_publications after insert on public.strategy_publications
  for each row execute function app.audit_row_change('publication', 'id', 'snapshot');

-- ---------------------------------------------------------------------------------------------
-- Row Level Security.
alter table public.commitment_revisions enable row level security;
alter table public.sign_off_defaults enable row level security;
alter table public.sign_off_organisations enable row level security;
alter table public.sign_off_requests enable row level security;
alter table public.sign_off_decisions enable row level security;
alter table public.strategy_publications enable row level security;

-- Revisions are written only by the trigger above (security definer): no insert policy.
create policy "readers of the strategy see revisions" on public.commitment_revisions
  for select to anon, authenticated using (app.can_read_strategy(strategy_id));

create policy "members see the default organisations" on public.sign_off_defaults
  for select to authenticated using (app.is_member(strategy_id));
create policy "facilitators choose default organisations" on public.sign_off_defaults
  for insert to authenticated with check (app.has_role(strategy_id, array['facilitator']));
create policy "facilitators remove default organisations" on public.sign_off_defaults
  for delete to authenticated using (app.has_role(strategy_id, array['facilitator']));

create policy "readers of the strategy see who must sign off" on public.sign_off_organisations
  for select to anon, authenticated using (app.can_read_strategy(strategy_id));
create policy "facilitators choose who must sign off" on public.sign_off_organisations
  for insert to authenticated with check (app.has_role(strategy_id, array['facilitator']));
create policy "facilitators stop asking an organisation" on public.sign_off_organisations
  for delete to authenticated using (app.has_role(strategy_id, array['facilitator']));

create policy "members see sign-off requests" on public.sign_off_requests
  for select to authenticated using (app.is_member(strategy_id));
create policy "facilitators ask for sign-off" on public.sign_off_requests
  for insert to authenticated with check (app.has_role(strategy_id, array['facilitator']));

create policy "readers of the strategy see sign-off decisions" on public.sign_off_decisions
  for select to anon, authenticated using (app.can_read_strategy(strategy_id));
create policy "signatories decide for their own organisation, as themselves" on public.sign_off_decisions
  for insert to authenticated
  with check (signed_by = auth.uid() and app.is_signatory_for(strategy_id, organisation_id));

create policy "readers of the strategy see its published versions" on public.strategy_publications
  for select to anon, authenticated using (app.can_read_strategy(strategy_id));
create policy "facilitators publish" on public.strategy_publications
  for insert to authenticated with check (app.has_role(strategy_id, array['facilitator']));

-- Privileges: start from nothing, as for every table (see the foundation migration).
revoke all on public.commitment_revisions, public.sign_off_defaults, public.sign_off_organisations,
  public.sign_off_requests, public.sign_off_decisions, public.strategy_publications
  from anon, authenticated, service_role;
grant select on public.commitment_revisions, public.sign_off_defaults, public.sign_off_organisations,
  public.sign_off_requests, public.sign_off_decisions, public.strategy_publications, public.sign_off_cells
  to anon, authenticated, service_role;
grant insert (strategy_id, priority_id, organisation_id), delete on public.sign_off_defaults to authenticated;
grant insert (strategy_id, commitment_id, organisation_id), delete on public.sign_off_organisations to authenticated;
grant insert (strategy_id, commitment_id, organisation_id, message) on public.sign_off_requests to authenticated;
grant insert (strategy_id, commitment_id, organisation_id, revision, decision, conditions, reason, signed_by)
  on public.sign_off_decisions to authenticated;
grant insert (strategy_id, override_reason) on public.strategy_publications to authenticated;
-- The service role (the demo seed) may add, never change or remove, what is append-only.
grant insert, delete on public.sign_off_defaults, public.sign_off_organisations to service_role;
grant insert on public.sign_off_requests, public.sign_off_decisions, public.strategy_publications to service_role;

-- History of sign-off follows the commitment; requests are for members.
drop policy "history follows what it describes" on public.audit_log;
create policy "history follows what it describes" on public.audit_log
  for select to anon, authenticated using (
    case
      when entity_type in ('strategy', 'priority', 'context_figure', 'commitment', 'statement', 'statement_link',
        'statement_version', 'statement_endorsement', 'sign_off_organisation', 'sign_off_decision', 'publication')
        then app.can_read_strategy(strategy_id)
      when entity_type in ('member', 'member_role', 'statement_comment', 'sign_off_request', 'sign_off_default')
        then app.is_member(strategy_id)
      when entity_type = 'invitation' then app.has_role(strategy_id, array['facilitator'])
      when entity_type = 'organisation' then true
      else false
    end
  );
