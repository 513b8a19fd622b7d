-- Foundation schema: organisations, profiles, strategies with their members and invitations,
-- priorities with their context figures, commitments, and the append-only audit log.
-- Row Level Security is on for every table. The helper functions in schema app decide
-- membership and roles once, for every policy; they are security definer so that a policy on
-- one table can ask about membership without recursing through that table's own policies.

create schema if not exists app;
grant usage on schema app to anon, authenticated, service_role;

-- Private schema for the embedded auth adapter's sessions (Supabase Auth keeps its own).
create schema if not exists app_private;
grant usage on schema app_private to service_role;

-- ---------------------------------------------------------------------------------------------
-- Shared trigger: keep updated_at honest.
create or replace function app.touch_updated_at() returns trigger
language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Organisations: sector partners, regulators, government bodies. A public directory.
create table public.organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) between 2 and 200),
  short_name text check (short_name is null or length(btrim(short_name)) between 1 and 40),
  kind text not null default 'other' check (kind in (
    'people_led', 'provider_body', 'local_government', 'central_government', 'regulator',
    'improvement_body', 'nhs', 'professional_body', 'employer', 'other')),
  created_at timestamptz not null default now()
);
create unique index organisations_name_key on public.organisations (lower(name));

-- ---------------------------------------------------------------------------------------------
-- Profiles: one per account. People with lived experience may use a chosen name.
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null check (length(btrim(display_name)) between 1 and 120),
  chosen_name text check (chosen_name is null or length(btrim(chosen_name)) between 1 and 120),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger profiles_touch before update on public.profiles
  for each row execute function app.touch_updated_at();

-- Every new account gets a profile (Supabase's documented pattern for auth.users).
create or replace function app.create_profile_for_new_user() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.profiles (id, display_name, chosen_name)
  values (
    new.id,
    coalesce(nullif(btrim(new.raw_user_meta_data ->> 'display_name'), ''), split_part(new.email, '@', 1)),
    nullif(btrim(new.raw_user_meta_data ->> 'chosen_name'), '')
  );
  return new;
end
$$;
create trigger on_auth_user_created after insert on auth.users
  for each row execute function app.create_profile_for_new_user();

-- ---------------------------------------------------------------------------------------------
-- Strategies: national, or local adopting a national one.
create table public.strategies (
  id uuid primary key default gen_random_uuid(),
  title text not null check (length(btrim(title)) between 3 and 200),
  summary text not null default '' check (length(summary) <= 4000),
  scope text not null default 'national' check (scope in ('national', 'local')),
  area text check (area is null or length(btrim(area)) between 2 and 120),
  adopts_strategy_id uuid references public.strategies (id),
  visibility text not null default 'private' check (visibility in ('public', 'private')),
  status text not null default 'draft' check (status in ('draft', 'consultation', 'published', 'archived')),
  copied_from_id uuid references public.strategies (id),
  created_by uuid references auth.users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (scope = 'local' or adopts_strategy_id is null)
);
create trigger strategies_touch before update on public.strategies
  for each row execute function app.touch_updated_at();

-- Members and their roles in a strategy. One person can hold several roles; a signatory role
-- names the organisation the person may sign for.
create table public.strategy_members (
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  organisation_id uuid references public.organisations (id),
  invited_by uuid references auth.users (id),
  joined_at timestamptz not null default now(),
  primary key (strategy_id, user_id)
);
create index strategy_members_user_idx on public.strategy_members (user_id);

create table public.member_roles (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null,
  user_id uuid not null,
  role text not null check (role in (
    'facilitator', 'lived_experience', 'worker', 'partner', 'signatory', 'evaluator', 'observer')),
  organisation_id uuid references public.organisations (id),
  granted_by uuid references auth.users (id),
  granted_at timestamptz not null default now(),
  foreign key (strategy_id, user_id) references public.strategy_members (strategy_id, user_id) on delete cascade,
  check ((role = 'signatory') = (organisation_id is not null))
);
create unique index member_roles_unique on public.member_roles
  (strategy_id, user_id, role, coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid));
create index member_roles_user_idx on public.member_roles (user_id, strategy_id);

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  email text not null check (email = lower(btrim(email)) and email like '%_@_%'),
  roles text[] not null check (
    cardinality(roles) >= 1
    and roles <@ array['facilitator', 'lived_experience', 'worker', 'partner', 'signatory', 'evaluator', 'observer']),
  organisation_id uuid references public.organisations (id),
  token_hash text not null unique,
  invited_by uuid references auth.users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '14 days',
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id),
  revoked_at timestamptz,
  check (not ('signatory' = any (roles)) or organisation_id is not null)
);
create index invitations_strategy_idx on public.invitations (strategy_id);

-- ---------------------------------------------------------------------------------------------
-- Helper functions for policies.

/** Is the current user a member of the strategy? */
create or replace function app.is_member(p_strategy_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.strategy_members m
    where m.strategy_id = p_strategy_id and m.user_id = auth.uid()
  )
$$;

/** Does the current user hold any of these roles in the strategy? */
create or replace function app.has_role(p_strategy_id uuid, p_roles text[]) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.member_roles r
    where r.strategy_id = p_strategy_id and r.user_id = auth.uid() and r.role = any (p_roles)
  )
$$;

/** May the current user (or a visitor) read the strategy and its structure? */
create or replace function app.can_read_strategy(p_strategy_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.strategies s
    where s.id = p_strategy_id
      and (s.visibility = 'public' or app.is_member(s.id))
  )
$$;

/** Is the current user a facilitator of at least one strategy? */
create or replace function app.is_facilitator_anywhere() returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.member_roles r where r.user_id = auth.uid() and r.role = 'facilitator'
  )
$$;

/** Does the current user share a strategy with this person? */
create or replace function app.shares_strategy_with(p_user_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1
    from public.strategy_members mine
    join public.strategy_members theirs on theirs.strategy_id = mine.strategy_id
    where mine.user_id = auth.uid() and theirs.user_id = p_user_id
  )
$$;

grant execute on function app.is_member(uuid), app.has_role(uuid, text[]), app.can_read_strategy(uuid),
  app.is_facilitator_anywhere(), app.shares_strategy_with(uuid) to anon, authenticated, service_role;

-- Whoever creates a strategy becomes its first facilitator.
create or replace function app.add_creator_as_facilitator() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.created_by is not null then
    insert into public.strategy_members (strategy_id, user_id) values (new.id, new.created_by);
    insert into public.member_roles (strategy_id, user_id, role, granted_by)
    values (new.id, new.created_by, 'facilitator', new.created_by);
  end if;
  return new;
end
$$;
create trigger strategies_creator_is_facilitator after insert on public.strategies
  for each row execute function app.add_creator_as_facilitator();

-- A strategy always keeps at least one facilitator. A role row moved to another strategy
-- leaves its old strategy just as a deleted one does.
create or replace function app.keep_a_facilitator() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if old.role = 'facilitator'
     and (tg_op = 'DELETE' or new.role <> 'facilitator' or new.strategy_id <> old.strategy_id)
     and exists (select 1 from public.strategies s where s.id = old.strategy_id)
     and not exists (
       select 1 from public.member_roles r
       where r.strategy_id = old.strategy_id and r.role = 'facilitator' and r.id <> old.id
     ) then
    raise exception 'A strategy must keep at least one facilitator'
      using errcode = 'P0001', hint = 'last_facilitator';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;
create trigger member_roles_keep_a_facilitator before update or delete on public.member_roles
  for each row execute function app.keep_a_facilitator();

-- ---------------------------------------------------------------------------------------------
-- Priorities, their "current context" figures, and commitments.
create table public.priorities (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  position integer not null check (position >= 1),
  title text not null check (length(btrim(title)) between 3 and 200),
  summary text not null default '' check (length(summary) <= 4000),
  context text not null default '' check (length(context) <= 4000),
  archived_at timestamptz,
  created_by uuid references auth.users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint priorities_position_unique unique (strategy_id, position) deferrable initially deferred
);
create trigger priorities_touch before update on public.priorities
  for each row execute function app.touch_updated_at();

-- A figure belongs to a priority, or (with no priority) to the strategy's "where are we now".
create table public.context_figures (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  priority_id uuid references public.priorities (id) on delete cascade,
  position integer not null check (position >= 1),
  figure text not null check (length(btrim(figure)) between 1 and 40),
  description text not null check (length(btrim(description)) between 3 and 500),
  source text not null check (length(btrim(source)) between 2 and 300),
  source_url text check (source_url is null or source_url ~ '^https?://'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint context_figures_position_unique unique nulls not distinct (strategy_id, priority_id, position)
    deferrable initially deferred
);
create trigger context_figures_touch before update on public.context_figures
  for each row execute function app.touch_updated_at();

create table public.commitments (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  priority_id uuid not null references public.priorities (id) on delete cascade,
  position integer not null check (position >= 1),
  text text not null check (length(btrim(text)) between 10 and 1000),
  responsible_parties text[] not null check (
    cardinality(responsible_parties) >= 1
    and responsible_parties <@ array['employers', 'central_government', 'local_government', 'regulators',
      'improvement_bodies', 'nhs_integrated_care', 'people_led_organisations']),
  lead_organisation_id uuid references public.organisations (id),
  due_date date,
  status text not null default 'draft' check (status in ('draft', 'proposed', 'agreed', 'in_progress', 'delivered')),
  archived_at timestamptz,
  created_by uuid references auth.users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint commitments_position_unique unique (priority_id, position) deferrable initially deferred
);
create index commitments_strategy_idx on public.commitments (strategy_id);
create trigger commitments_touch before update on public.commitments
  for each row execute function app.touch_updated_at();

-- A child row's strategy must be its parent's strategy (strategy_id is denormalised for RLS).
create or replace function app.check_same_strategy() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.priority_id is not null and not exists (
    select 1 from public.priorities p where p.id = new.priority_id and p.strategy_id = new.strategy_id
  ) then
    raise exception 'The priority belongs to another strategy' using errcode = '23503';
  end if;
  return new;
end
$$;
create trigger context_figures_same_strategy before insert or update on public.context_figures
  for each row execute function app.check_same_strategy();
create trigger commitments_same_strategy before insert or update on public.commitments
  for each row execute function app.check_same_strategy();

-- ---------------------------------------------------------------------------------------------
-- The audit log: append-only for every role (service role included), hash-chained.
create table public.audit_log (
  seq bigint primary key,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  strategy_id uuid,
  entity_type text not null,
  entity_id uuid,
  action text not null,
  details jsonb not null default '{}'::jsonb,
  prev_hash text not null,
  hash text not null
);
create index audit_log_entity_idx on public.audit_log (entity_type, entity_id, seq);
create index audit_log_strategy_idx on public.audit_log (strategy_id, seq);

/** The exact text hashed for one audit row; the verifier (scripts/audit-verify.ts) rebuilds it. */
create or replace function app.audit_canonical(r public.audit_log) returns text
language sql immutable set search_path = '' as $$
  select concat_ws('|',
    r.seq::text,
    to_char(r.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(r.actor_id::text, ''),
    coalesce(r.strategy_id::text, ''),
    r.entity_type,
    coalesce(r.entity_id::text, ''),
    r.action,
    r.details::text,
    r.prev_hash)
$$;

-- Chain each new row to the last one. The advisory lock serialises writers until commit, so
-- seq is dense and in commit order.
create or replace function app.audit_chain() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  last public.audit_log;
begin
  perform pg_advisory_xact_lock(7423001);
  select * into last from public.audit_log order by seq desc limit 1;
  new.seq := coalesce(last.seq, 0) + 1;
  new.prev_hash := coalesce(last.hash, repeat('0', 64));
  new.occurred_at := now();
  new.hash := encode(sha256(convert_to(app.audit_canonical(new), 'UTF8')), 'hex');
  return new;
end
$$;
create trigger audit_log_chain before insert on public.audit_log
  for each row execute function app.audit_chain();

create or replace function app.audit_is_append_only() returns trigger
language plpgsql as $$
begin
  raise exception 'The audit log is append-only' using errcode = '42501';
end
$$;
create trigger audit_log_no_update before update or delete on public.audit_log
  for each row execute function app.audit_is_append_only();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function app.audit_is_append_only();

-- Records one change to an audited table. Arguments: entity type, the column holding the
-- entity's id. Columns that carry secrets or noise are left out of the details.
create or replace function app.audit_row_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  entity_type text := tg_argv[0];
  id_column text := tg_argv[1];
  noise text[] := array['updated_at', 'created_at', 'token_hash'];
  old_row jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  new_row jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  subject jsonb := coalesce(new_row, old_row);
  changes jsonb;
  action text;
  details jsonb;
begin
  if tg_op = 'INSERT' then
    action := 'created';
    details := new_row - noise;
  elsif tg_op = 'DELETE' then
    action := 'deleted';
    details := old_row - noise;
  else
    select jsonb_object_agg(n.key, jsonb_build_object('from', o.value, 'to', n.value))
      into changes
      from jsonb_each(new_row) n
      join jsonb_each(old_row) o using (key)
     where n.value is distinct from o.value and not (n.key = any (noise));
    if changes is null then
      return null;
    end if;
    action := case
      when changes ? 'archived_at' and new_row -> 'archived_at' <> 'null'::jsonb then 'archived'
      when changes ? 'archived_at' then 'restored'
      when changes ? 'accepted_at' then 'accepted'
      when changes ? 'revoked_at' then 'revoked'
      when (select count(*) from jsonb_object_keys(changes)) = 1 and changes ? 'position' then 'reordered'
      else 'updated'
    end;
    details := jsonb_build_object('changes', changes);
  end if;

  insert into public.audit_log (actor_id, strategy_id, entity_type, entity_id, action, details, prev_hash, hash)
  values (
    auth.uid(),
    case when entity_type = 'strategy' then (subject ->> 'id')::uuid else (subject ->> 'strategy_id')::uuid end,
    entity_type,
    (subject ->> id_column)::uuid,
    action,
    details,
    '', ''
  );
  return null;
end
$$;

create trigger audit_strategies after insert or update or delete on public.strategies
  for each row execute function app.audit_row_change('strategy', 'id');
create trigger audit_strategy_members after insert or update or delete on public.strategy_members
  for each row execute function app.audit_row_change('member', 'user_id');
create trigger audit_member_roles after insert or update or delete on public.member_roles
  for each row execute function app.audit_row_change('member_role', 'user_id');
create trigger audit_invitations after insert or update or delete on public.invitations
  for each row execute function app.audit_row_change('invitation', 'id');
create trigger audit_priorities after insert or update or delete on public.priorities
  for each row execute function app.audit_row_change('priority', 'id');
create trigger audit_context_figures after insert or update or delete on public.context_figures
  for each row execute function app.audit_row_change('context_figure', 'id');
create trigger audit_commitments after insert or update or delete on public.commitments
  for each row execute function app.audit_row_change('commitment', 'id');
create trigger audit_organisations after insert or update or delete on public.organisations
  for each row execute function app.audit_row_change('organisation', 'id');

-- ---------------------------------------------------------------------------------------------
-- Invitations: accepted through a function, since the invited person is not yet a member.
-- The token itself is never stored; only its SHA-256.

/** What an invitation offers, for the page the link opens (anyone holding the token). */
create or replace function app.invitation_preview(p_token text)
returns table (strategy_id uuid, strategy_title text, email text, roles text[], organisation_name text, state text)
language sql stable security definer set search_path = '' as $$
  select i.strategy_id, s.title, i.email, i.roles, o.name,
    case
      when i.revoked_at is not null then 'revoked'
      when i.accepted_at is not null then 'accepted'
      when i.expires_at < now() then 'expired'
      else 'open'
    end
  from public.invitations i
  join public.strategies s on s.id = i.strategy_id
  left join public.organisations o on o.id = i.organisation_id
  where i.token_hash = encode(sha256(convert_to(p_token, 'UTF8')), 'hex')
$$;

/** Accept an invitation as the signed-in person; their email must be the one invited. */
create or replace function app.accept_invitation(p_token text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  inv public.invitations;
  me uuid := auth.uid();
  my_email text := lower(auth.jwt() ->> 'email');
  r text;
begin
  if me is null then
    raise exception 'Sign in to accept an invitation' using errcode = '42501', hint = 'not_signed_in';
  end if;
  select * into inv from public.invitations
   where token_hash = encode(sha256(convert_to(p_token, 'UTF8')), 'hex')
   for update;
  if not found then
    raise exception 'This invitation link is not valid' using errcode = 'P0002', hint = 'invitation_unknown';
  end if;
  if inv.revoked_at is not null then
    raise exception 'This invitation was withdrawn' using errcode = 'P0001', hint = 'invitation_revoked';
  end if;
  if inv.accepted_at is not null then
    raise exception 'This invitation has already been used' using errcode = 'P0001', hint = 'invitation_used';
  end if;
  if inv.expires_at < now() then
    raise exception 'This invitation has expired' using errcode = 'P0001', hint = 'invitation_expired';
  end if;
  if my_email is distinct from inv.email then
    raise exception 'This invitation was sent to another email address' using errcode = '42501', hint = 'invitation_email_mismatch';
  end if;

  insert into public.strategy_members (strategy_id, user_id, organisation_id, invited_by)
  values (inv.strategy_id, me, inv.organisation_id, inv.invited_by)
  on conflict (strategy_id, user_id) do nothing;

  foreach r in array inv.roles loop
    insert into public.member_roles (strategy_id, user_id, role, organisation_id, granted_by)
    values (inv.strategy_id, me, r, case when r = 'signatory' then inv.organisation_id end, inv.invited_by)
    on conflict do nothing;
  end loop;

  update public.invitations set accepted_at = now(), accepted_by = me where id = inv.id;
  return inv.strategy_id;
end
$$;
grant execute on function app.invitation_preview(text) to anon, authenticated;
grant execute on function app.accept_invitation(text) to authenticated;
revoke execute on function app.accept_invitation(text) from anon, public;

-- ---------------------------------------------------------------------------------------------
-- Embedded auth sessions (unused on Supabase). Only the auth adapter, as service_role, reads them.
create table app_private.sessions (
  id_hash text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  user_agent text
);
create index sessions_user_idx on app_private.sessions (user_id);
alter table app_private.sessions enable row level security;
grant select, insert, update, delete on app_private.sessions to service_role;

-- ---------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide which statements are even possible.
-- Visitors may ask about any table; RLS gives them only what a visitor may read (often nothing).
-- Start from nothing: Supabase's default privileges grant ALL (TRUNCATE included, which RLS does
-- not govern) on every new table in public, so the grants below would not be the whole story.
revoke all on all tables in schema public from anon, authenticated, service_role;
grant select on all tables in schema public to anon, authenticated;
grant insert on public.organisations, public.strategies, public.strategy_members, public.member_roles,
  public.invitations, public.priorities, public.context_figures, public.commitments to authenticated;
grant update on public.profiles, public.strategies, public.strategy_members, public.member_roles,
  public.invitations, public.priorities, public.context_figures, public.commitments to authenticated;
grant delete on public.strategy_members, public.member_roles, public.context_figures to authenticated;
grant select, insert, update, delete on all tables in schema public to service_role;
revoke insert, update, delete, truncate on public.audit_log from anon, authenticated, service_role, public;
grant select on public.audit_log to service_role;

-- ---------------------------------------------------------------------------------------------
-- Row Level Security.
alter table public.organisations enable row level security;
alter table public.profiles enable row level security;
alter table public.strategies enable row level security;
alter table public.strategy_members enable row level security;
alter table public.member_roles enable row level security;
alter table public.invitations enable row level security;
alter table public.priorities enable row level security;
alter table public.context_figures enable row level security;
alter table public.commitments enable row level security;
alter table public.audit_log enable row level security;

create policy "organisations are a public directory" on public.organisations
  for select to anon, authenticated using (true);
create policy "facilitators add organisations" on public.organisations
  for insert to authenticated with check (app.is_facilitator_anywhere());

create policy "people see their own profile and those they work with" on public.profiles
  for select to authenticated using (id = auth.uid() or app.shares_strategy_with(id));
create policy "people edit their own profile" on public.profiles
  for update to authenticated using (id = auth.uid()) with check (id = auth.uid());

create policy "public strategies for all, private ones for members" on public.strategies
  for select to anon, authenticated using (visibility = 'public' or app.is_member(id));
create policy "signed-in people create strategies as themselves" on public.strategies
  for insert to authenticated with check (created_by = auth.uid());
create policy "facilitators change their strategy" on public.strategies
  for update to authenticated
  using (app.has_role(id, array['facilitator'])) with check (app.has_role(id, array['facilitator']));

create policy "members see who else is a member" on public.strategy_members
  for select to authenticated using (app.is_member(strategy_id));
create policy "facilitators add members" on public.strategy_members
  for insert to authenticated with check (app.has_role(strategy_id, array['facilitator']));
create policy "facilitators change members" on public.strategy_members
  for update to authenticated
  using (app.has_role(strategy_id, array['facilitator'])) with check (app.has_role(strategy_id, array['facilitator']));
create policy "facilitators remove members" on public.strategy_members
  for delete to authenticated using (app.has_role(strategy_id, array['facilitator']));

create policy "members see everyone's roles" on public.member_roles
  for select to authenticated using (app.is_member(strategy_id));
create policy "facilitators grant roles" on public.member_roles
  for insert to authenticated with check (app.has_role(strategy_id, array['facilitator']));
create policy "facilitators change roles" on public.member_roles
  for update to authenticated
  using (app.has_role(strategy_id, array['facilitator'])) with check (app.has_role(strategy_id, array['facilitator']));
create policy "facilitators remove roles" on public.member_roles
  for delete to authenticated using (app.has_role(strategy_id, array['facilitator']));

create policy "facilitators see invitations" on public.invitations
  for select to authenticated using (app.has_role(strategy_id, array['facilitator']));
create policy "facilitators invite" on public.invitations
  for insert to authenticated
  with check (app.has_role(strategy_id, array['facilitator']) and invited_by = auth.uid());
create policy "facilitators withdraw invitations" on public.invitations
  for update to authenticated
  using (app.has_role(strategy_id, array['facilitator'])) with check (app.has_role(strategy_id, array['facilitator']));

create policy "readers of the strategy see its priorities" on public.priorities
  for select to anon, authenticated using (app.can_read_strategy(strategy_id));
create policy "facilitators add priorities" on public.priorities
  for insert to authenticated with check (app.has_role(strategy_id, array['facilitator']));
create policy "facilitators change priorities" on public.priorities
  for update to authenticated
  using (app.has_role(strategy_id, array['facilitator'])) with check (app.has_role(strategy_id, array['facilitator']));

create policy "readers of the strategy see context figures" on public.context_figures
  for select to anon, authenticated using (app.can_read_strategy(strategy_id));
create policy "facilitators add context figures" on public.context_figures
  for insert to authenticated with check (app.has_role(strategy_id, array['facilitator']));
create policy "facilitators change context figures" on public.context_figures
  for update to authenticated
  using (app.has_role(strategy_id, array['facilitator'])) with check (app.has_role(strategy_id, array['facilitator']));
create policy "facilitators remove context figures" on public.context_figures
  for delete to authenticated using (app.has_role(strategy_id, array['facilitator']));

create policy "readers of the strategy see commitments" on public.commitments
  for select to anon, authenticated using (app.can_read_strategy(strategy_id));
create policy "facilitators add commitments" on public.commitments
  for insert to authenticated with check (app.has_role(strategy_id, array['facilitator']));
create policy "facilitators change commitments" on public.commitments
  for update to authenticated
  using (app.has_role(strategy_id, array['facilitator'])) with check (app.has_role(strategy_id, array['facilitator']));

-- History is as visible as the thing it describes: the structure of a public strategy is public;
-- who is a member is for members; invitations (which carry email addresses) for facilitators.
create policy "history follows what it describes" on public.audit_log
  for select to anon, authenticated using (
    case
      when entity_type in ('strategy', 'priority', 'context_figure', 'commitment') then app.can_read_strategy(strategy_id)
      when entity_type in ('member', 'member_role') then app.is_member(strategy_id)
      when entity_type = 'invitation' then app.has_role(strategy_id, array['facilitator'])
      when entity_type = 'organisation' then true
      else false
    end
  );
