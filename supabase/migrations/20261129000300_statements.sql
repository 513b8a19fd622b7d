-- Co-authored "I" and "we" statements: the text (a Yjs document, with its derived ProseMirror
-- JSON, plain text and content hash), links to other statements, priorities and commitments,
-- named versions, comments, endorsements bound to a content hash, and who really wrote what.

-- ---------------------------------------------------------------------------------------------
-- The audit trigger learns to leave out more columns per table (third trigger argument, a
-- comma-separated list): a statement's derived text changes on every store and is recorded by
-- the collaboration server's audit instead, with who wrote it.
create or replace function app.audit_row_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  entity_type text := tg_argv[0];
  id_column text := tg_argv[1];
  noise text[] := array['updated_at', 'created_at', 'token_hash']
    || coalesce(string_to_array(case when tg_nargs > 2 then tg_argv[2] end, ','), '{}'::text[]);
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
      when changes ? 'resolved_at' and new_row -> 'resolved_at' <> 'null'::jsonb then 'resolved'
      when changes ? 'resolved_at' then 'reopened'
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

/**
 * Records an event that is not a row change (a collaborative edit, a restore). Only the
 * service role may call it: the collaboration server, after checking who was connected.
 */
create or replace function app.audit_event(
  p_actor_id uuid, p_strategy_id uuid, p_entity_type text, p_entity_id uuid, p_action text, p_details jsonb
) returns void
language sql security definer set search_path = '' as $$
  insert into public.audit_log (actor_id, strategy_id, entity_type, entity_id, action, details, prev_hash, hash)
  values (p_actor_id, p_strategy_id, p_entity_type, p_entity_id, p_action, coalesce(p_details, '{}'::jsonb), '', '')
$$;
revoke all on function app.audit_event(uuid, uuid, text, uuid, text, jsonb) from public, anon, authenticated;
grant execute on function app.audit_event(uuid, uuid, text, uuid, text, jsonb) to service_role;

-- ---------------------------------------------------------------------------------------------
-- Who may write statements, and which group a person's contribution counts for.

/** Members who co-write: every role except observer. */
create or replace function app.can_write_statements(p_strategy_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select app.has_role(p_strategy_id, array['facilitator', 'lived_experience', 'worker', 'partner', 'signatory', 'evaluator'])
$$;

/**
 * The group a person's writing counts for in the co-production balance. Someone with lived
 * experience counts as such even if they also hold another role. Whether someone has lived
 * experience is theirs to share: a client learns the group of itself or of fellow members only
 * ('other' for anyone else), as it could by reading member_roles.
 */
create or replace function app.role_group(p_strategy_id uuid, p_user_id uuid) returns text
language sql stable security definer set search_path = '' as $$
  select case
    when bool_or(r.role = 'lived_experience') then 'lived_experience'
    when bool_or(r.role = 'worker') then 'worker'
    when bool_or(r.role in ('partner', 'signatory')) then 'partner'
    else 'other'
  end
  from public.member_roles r
  where r.strategy_id = p_strategy_id and r.user_id = p_user_id
    and (p_user_id = auth.uid() or app.is_member(p_strategy_id) or auth.role() = 'service_role')
$$;

grant execute on function app.can_write_statements(uuid), app.role_group(uuid, uuid) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- The strategy decides whether agreement needs a person with lived experience.
alter table public.strategies
  add column require_lived_experience_to_agree boolean not null default false;

-- ---------------------------------------------------------------------------------------------
-- Statements.
create table public.statements (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  kind text not null check (kind in ('i', 'we')),
  title text not null check (length(btrim(title)) between 3 and 200),
  theme text not null check (theme in ('wellbeing_independence', 'information_advice',
    'active_supportive_communities', 'flexible_integrated_care', 'when_things_need_to_change', 'workforce')),
  theme_edition text not null default 'making_it_real_2018' check (theme_edition in ('making_it_real_2018')),
  status text not null default 'draft' check (status in ('draft', 'in_review', 'agreed', 'published')),
  -- Derived from the Yjs document on every store (never typed by anyone): for reading before
  -- scripts load, search, exports and binding endorsements to exact content.
  body_json jsonb not null default '{"type": "doc", "content": [{"type": "paragraph"}]}'::jsonb,
  body_text text not null default '',
  content_hash text not null default '',
  content_version integer not null default 0,
  content_updated_at timestamptz,
  easy_read text not null default '' check (length(easy_read) <= 4000),
  -- The content hash the easy-read summary was last written against: when it differs from
  -- content_hash, the summary may be out of date.
  easy_read_content_hash text,
  easy_read_updated_at timestamptz,
  easy_read_updated_by uuid references auth.users (id),
  archived_at timestamptz,
  created_by uuid references auth.users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index statements_strategy_idx on public.statements (strategy_id, created_at);
create trigger statements_touch before update on public.statements
  for each row execute function app.touch_updated_at();

-- Keeps the bookkeeping honest: the easy-read summary remembers the text it was written for, and
-- agreement ends when the agreed text changes (the endorsements were of the old text).
create or replace function app.statement_bookkeeping() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' or new.easy_read is distinct from old.easy_read then
    if new.easy_read <> '' then
      new.easy_read_content_hash := new.content_hash;
      new.easy_read_updated_at := now();
      new.easy_read_updated_by := auth.uid();
    elsif tg_op = 'UPDATE' then
      new.easy_read_content_hash := null;
      new.easy_read_updated_at := now();
      new.easy_read_updated_by := auth.uid();
    end if;
  end if;
  if tg_op = 'UPDATE' and new.content_hash is distinct from old.content_hash and old.status in ('agreed', 'published') then
    new.status := 'in_review';
  end if;
  if tg_op = 'UPDATE' and new.kind = 'i' and old.kind = 'we' and exists (
    select 1 from public.statement_links l where l.statement_id = new.id and l.target_kind = 'i_statement'
  ) then
    raise exception 'A statement that answers "I" statements must stay a "we" statement' using errcode = '23514';
  end if;
  if tg_op = 'UPDATE' and new.kind = 'we' and old.kind = 'i' and exists (
    select 1 from public.statement_links l where l.i_statement_id = new.id
  ) then
    raise exception 'A statement that "we" statements answer must stay an "I" statement' using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger statements_bookkeeping before insert or update on public.statements
  for each row execute function app.statement_bookkeeping();

-- The Yjs document itself: only the collaboration server (service role) reads or writes it.
create table public.statement_documents (
  statement_id uuid primary key references public.statements (id) on delete cascade,
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  state bytea not null,
  byte_size integer not null,
  stored_at timestamptz not null default now()
);

-- Links: a "we" statement answers "I" statements; any statement links to priorities and
-- commitments. One row per link, walkable from both ends.
create table public.statement_links (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  statement_id uuid not null references public.statements (id) on delete cascade,
  target_kind text not null check (target_kind in ('i_statement', 'priority', 'commitment')),
  i_statement_id uuid references public.statements (id) on delete cascade,
  priority_id uuid references public.priorities (id) on delete cascade,
  commitment_id uuid references public.commitments (id) on delete cascade,
  created_by uuid references auth.users (id),
  created_at timestamptz not null default now(),
  check (num_nonnulls(i_statement_id, priority_id, commitment_id) = 1),
  check ((target_kind = 'i_statement') = (i_statement_id is not null)),
  check ((target_kind = 'priority') = (priority_id is not null)),
  check ((target_kind = 'commitment') = (commitment_id is not null)),
  check (i_statement_id is distinct from statement_id),
  unique nulls not distinct (statement_id, i_statement_id, priority_id, commitment_id)
);
create index statement_links_statement_idx on public.statement_links (statement_id);
create index statement_links_i_idx on public.statement_links (i_statement_id) where i_statement_id is not null;
create index statement_links_priority_idx on public.statement_links (priority_id) where priority_id is not null;
create index statement_links_commitment_idx on public.statement_links (commitment_id) where commitment_id is not null;

create or replace function app.check_statement_link() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select 1 from public.statements s where s.id = new.statement_id and s.strategy_id = new.strategy_id) then
    raise exception 'The statement belongs to another strategy' using errcode = '23503';
  end if;
  if new.target_kind = 'i_statement' then
    if not exists (select 1 from public.statements s where s.id = new.statement_id and s.kind = 'we') then
      raise exception 'Only a "we" statement can answer an "I" statement' using errcode = '23514';
    end if;
    if not exists (select 1 from public.statements s
                   where s.id = new.i_statement_id and s.kind = 'i' and s.strategy_id = new.strategy_id) then
      raise exception 'A "we" statement can only answer an "I" statement of the same strategy' using errcode = '23503';
    end if;
  elsif new.target_kind = 'priority' and not exists (
    select 1 from public.priorities p where p.id = new.priority_id and p.strategy_id = new.strategy_id
  ) then
    raise exception 'The priority belongs to another strategy' using errcode = '23503';
  elsif new.target_kind = 'commitment' and not exists (
    select 1 from public.commitments c where c.id = new.commitment_id and c.strategy_id = new.strategy_id
  ) then
    raise exception 'The commitment belongs to another strategy' using errcode = '23503';
  end if;
  return new;
end
$$;
create trigger statement_links_check before insert or update on public.statement_links
  for each row execute function app.check_statement_link();

-- Named versions: a copy of the derived content at a moment, taken by app.save_statement_version
-- (so a version always holds what the statement really said). Never changed or removed.
create table public.statement_versions (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  statement_id uuid not null references public.statements (id) on delete cascade,
  number integer not null check (number >= 1),
  name text not null check (length(btrim(name)) between 1 and 120),
  body_json jsonb not null,
  body_text text not null,
  content_hash text not null,
  restored_from_id uuid references public.statement_versions (id),
  created_by uuid references auth.users (id),
  created_at timestamptz not null default now(),
  unique (statement_id, number)
);

-- Discussion: a thread of comments; replies point at the comment that starts the thread.
create table public.statement_comments (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  statement_id uuid not null references public.statements (id) on delete cascade,
  parent_id uuid references public.statement_comments (id) on delete cascade,
  author_id uuid not null references auth.users (id),
  author_role_group text not null default 'other'
    check (author_role_group in ('lived_experience', 'worker', 'partner', 'other')),
  body text not null check (length(btrim(body)) between 1 and 4000),
  resolved_at timestamptz,
  resolved_by uuid references auth.users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (parent_id is null or resolved_at is null)
);
create index statement_comments_statement_idx on public.statement_comments (statement_id, created_at);
create trigger statement_comments_touch before update on public.statement_comments
  for each row execute function app.touch_updated_at();

create or replace function app.statement_comment_bookkeeping() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    new.author_role_group := app.role_group(new.strategy_id, new.author_id);
    new.resolved_by := case when new.resolved_at is null then null else auth.uid() end;
    if not exists (select 1 from public.statements s where s.id = new.statement_id and s.strategy_id = new.strategy_id) then
      raise exception 'The statement belongs to another strategy' using errcode = '23503';
    end if;
    if new.parent_id is not null and not exists (
      select 1 from public.statement_comments c
      where c.id = new.parent_id and c.statement_id = new.statement_id and c.parent_id is null
    ) then
      raise exception 'A reply must answer a comment that starts a thread on the same statement' using errcode = '23503';
    end if;
  else
    if new.body is distinct from old.body or new.author_id is distinct from old.author_id
       or new.statement_id is distinct from old.statement_id or new.parent_id is distinct from old.parent_id then
      raise exception 'A comment cannot be rewritten; add a reply instead' using errcode = '42501';
    end if;
    new.resolved_by := case when new.resolved_at is null then null else auth.uid() end;
  end if;
  return new;
end
$$;
create trigger statement_comments_bookkeeping before insert or update on public.statement_comments
  for each row execute function app.statement_comment_bookkeeping();

-- Endorsements: a member says "I agree with this text", bound to the exact content hash.
create table public.statement_endorsements (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  statement_id uuid not null references public.statements (id) on delete cascade,
  user_id uuid not null references auth.users (id),
  role_group text not null default 'other' check (role_group in ('lived_experience', 'worker', 'partner', 'other')),
  content_hash text not null check (content_hash <> ''),
  content_version integer not null,
  created_at timestamptz not null default now(),
  unique (statement_id, user_id, content_hash)
);
create index statement_endorsements_statement_idx on public.statement_endorsements (statement_id);

create or replace function app.statement_endorsement_bookkeeping() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  current_statement public.statements;
begin
  select * into current_statement from public.statements s where s.id = new.statement_id;
  if current_statement.strategy_id is distinct from new.strategy_id then
    raise exception 'The statement belongs to another strategy' using errcode = '23503';
  end if;
  if current_statement.content_hash is distinct from new.content_hash then
    raise exception 'The statement has changed since you read it. Read the current text, then endorse it.'
      using errcode = '40001';
  end if;
  new.content_version := current_statement.content_version;
  new.role_group := app.role_group(new.strategy_id, new.user_id);
  return new;
end
$$;
create trigger statement_endorsements_bookkeeping before insert on public.statement_endorsements
  for each row execute function app.statement_endorsement_bookkeeping();

-- Who wrote what: characters added and removed and edits made, per person and group, measured
-- by the collaboration server from the Yjs updates each connection really sent.
create table public.statement_contributions (
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  statement_id uuid not null references public.statements (id) on delete cascade,
  user_id uuid not null references auth.users (id),
  role_group text not null check (role_group in ('lived_experience', 'worker', 'partner', 'other')),
  chars_added integer not null default 0 check (chars_added >= 0),
  chars_removed integer not null default 0 check (chars_removed >= 0),
  edits integer not null default 0 check (edits >= 0),
  first_at timestamptz not null default now(),
  last_at timestamptz not null default now(),
  primary key (statement_id, user_id, role_group)
);
create index statement_contributions_strategy_idx on public.statement_contributions (strategy_id);

-- ---------------------------------------------------------------------------------------------
-- Status changes go through one function, so the rules (and "nothing about us without us")
-- hold whatever calls it.

/** Why the statement cannot be agreed now, or null when it can. Used by the function and the UI. */
create or replace function app.statement_agreement_blocker(p_statement_id uuid) returns text
language sql stable security definer set search_path = '' as $$
  select case
    when s.body_text = '' then 'empty'
    when st.require_lived_experience_to_agree and not (
      exists (select 1 from public.statement_contributions c
              where c.statement_id = s.id and c.role_group = 'lived_experience' and (c.chars_added > 0 or c.chars_removed > 0))
      or exists (select 1 from public.statement_comments c
                 where c.statement_id = s.id and c.author_role_group = 'lived_experience')
    ) then 'no_lived_experience_contribution'
    when st.require_lived_experience_to_agree and not exists (
      select 1 from public.statement_endorsements e
      where e.statement_id = s.id and e.role_group = 'lived_experience' and e.content_hash = s.content_hash
    ) then 'no_lived_experience_endorsement'
    else null
  end
  from public.statements s join public.strategies st on st.id = s.strategy_id
  -- Answers only about statements the caller may read: a private statement's id tells a
  -- stranger nothing.
  where s.id = p_statement_id and (auth.role() = 'service_role' or app.can_read_strategy(s.strategy_id))
$$;

create or replace function app.set_statement_status(p_statement_id uuid, p_status text) returns void
language plpgsql security definer set search_path = '' as $$
declare
  s public.statements;
  blocker text;
begin
  select * into s from public.statements where id = p_statement_id for update;
  if s.id is null or not app.is_member(s.strategy_id) then
    raise exception 'There is no such statement' using errcode = 'P0002';
  end if;
  if s.status = p_status then
    return;
  end if;
  if p_status not in ('draft', 'in_review', 'agreed', 'published') then
    raise exception 'Unknown status %', p_status using errcode = '22023';
  end if;
  if s.archived_at is not null then
    raise exception 'Restore the statement before changing its status' using errcode = '42501';
  end if;
  if (s.status, p_status) in (('draft', 'in_review'), ('in_review', 'draft')) then
    if not app.can_write_statements(s.strategy_id) then
      raise exception 'Only members who write statements can send one for review' using errcode = '42501';
    end if;
  elsif (s.status, p_status) = ('in_review', 'agreed') then
    if not app.has_role(s.strategy_id, array['facilitator']) then
      raise exception 'Only a facilitator can mark a statement agreed' using errcode = '42501';
    end if;
    blocker := app.statement_agreement_blocker(s.id);
    if blocker is not null then
      raise exception 'This statement cannot be agreed yet (%)', blocker using errcode = '23514', hint = blocker;
    end if;
  elsif (s.status, p_status) in (('agreed', 'published'), ('agreed', 'in_review'), ('published', 'in_review')) then
    if not app.has_role(s.strategy_id, array['facilitator']) then
      raise exception 'Only a facilitator can publish a statement or reopen it' using errcode = '42501';
    end if;
  else
    raise exception 'A statement cannot move from % to %', s.status, p_status using errcode = '22023';
  end if;
  update public.statements set status = p_status where id = s.id;
end
$$;

/** Saves the statement's current text as the next numbered version. */
create or replace function app.save_statement_version(p_statement_id uuid, p_name text, p_restored_from uuid default null)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  s public.statements;
  next_number integer;
  new_id uuid;
begin
  select * into s from public.statements where id = p_statement_id for update;
  if s.id is null or not app.can_write_statements(s.strategy_id) then
    raise exception 'Only members who write statements can save a version' using errcode = '42501';
  end if;
  if p_restored_from is not null and not exists (
    select 1 from public.statement_versions v where v.id = p_restored_from and v.statement_id = s.id
  ) then
    raise exception 'A restore names a version of the same statement' using errcode = '23503';
  end if;
  select coalesce(max(number), 0) + 1 into next_number from public.statement_versions where statement_id = s.id;
  insert into public.statement_versions (strategy_id, statement_id, number, name, body_json, body_text, content_hash,
    restored_from_id, created_by)
  values (s.strategy_id, s.id, next_number, btrim(p_name), s.body_json, s.body_text, s.content_hash,
    p_restored_from, auth.uid())
  returning id into new_id;
  return new_id;
end
$$;

revoke all on function app.set_statement_status(uuid, text), app.save_statement_version(uuid, text, uuid),
  app.statement_agreement_blocker(uuid) from public;
grant execute on function app.set_statement_status(uuid, text), app.save_statement_version(uuid, text, uuid)
  to authenticated, service_role;
grant execute on function app.statement_agreement_blocker(uuid) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Audit.
create trigger audit_statements after insert or update or delete on public.statements
  for each row execute function app.audit_row_change('statement', 'id',
    'body_json,body_text,content_hash,content_version,content_updated_at,easy_read_content_hash,easy_read_updated_at,easy_read_updated_by');
create trigger audit_statement_links after insert or update or delete on public.statement_links
  for each row execute function app.audit_row_change('statement_link', 'statement_id');
create trigger audit_statement_versions after insert on public.statement_versions
  for each row execute function app.audit_row_change('statement_version', 'statement_id', 'body_json,body_text');
create trigger audit_statement_comments after insert or update or delete on public.statement_comments
  for each row execute function app.audit_row_change('statement_comment', 'statement_id');
create trigger audit_statement_endorsements after insert or update or delete on public.statement_endorsements
  for each row execute function app.audit_row_change('statement_endorsement', 'statement_id');

-- ---------------------------------------------------------------------------------------------
-- Privileges.
revoke all on public.statements, public.statement_documents, public.statement_links, public.statement_versions,
  public.statement_comments, public.statement_endorsements, public.statement_contributions
  from anon, authenticated, service_role;
grant select on public.statements, public.statement_links, public.statement_versions, public.statement_comments,
  public.statement_endorsements, public.statement_contributions to anon, authenticated;
grant insert (id, strategy_id, kind, title, theme, easy_read, created_by) on public.statements to authenticated;
grant update (kind, title, theme, easy_read, archived_at) on public.statements to authenticated;
grant insert, delete on public.statement_links to authenticated;
grant insert on public.statement_comments to authenticated;
grant update (resolved_at) on public.statement_comments to authenticated;
grant insert, delete on public.statement_endorsements to authenticated;
grant select, insert, update, delete on public.statements, public.statement_documents, public.statement_links,
  public.statement_versions, public.statement_comments, public.statement_endorsements,
  public.statement_contributions to service_role;
revoke update, delete on public.statement_versions from service_role;

-- ---------------------------------------------------------------------------------------------
-- Row Level Security.
alter table public.statements enable row level security;
alter table public.statement_documents enable row level security;
alter table public.statement_links enable row level security;
alter table public.statement_versions enable row level security;
alter table public.statement_comments enable row level security;
alter table public.statement_endorsements enable row level security;
alter table public.statement_contributions enable row level security;

create policy "readers of the strategy see its statements" on public.statements
  for select to anon, authenticated using (app.can_read_strategy(strategy_id));
create policy "co-writers add statements as themselves" on public.statements
  for insert to authenticated with check (app.can_write_statements(strategy_id) and created_by = auth.uid());
create policy "co-writers change statements" on public.statements
  for update to authenticated
  using (app.can_write_statements(strategy_id)) with check (app.can_write_statements(strategy_id));

-- statement_documents: no policy for anon or authenticated; only the service role reaches it.

create policy "readers of the strategy see statement links" on public.statement_links
  for select to anon, authenticated using (app.can_read_strategy(strategy_id));
create policy "co-writers link statements" on public.statement_links
  for insert to authenticated with check (app.can_write_statements(strategy_id) and created_by = auth.uid());
create policy "co-writers unlink statements" on public.statement_links
  for delete to authenticated using (app.can_write_statements(strategy_id));

create policy "readers of the strategy see statement versions" on public.statement_versions
  for select to anon, authenticated using (app.can_read_strategy(strategy_id));

create policy "members see the discussion" on public.statement_comments
  for select to authenticated using (app.is_member(strategy_id));
create policy "co-writers comment as themselves" on public.statement_comments
  for insert to authenticated with check (app.can_write_statements(strategy_id) and author_id = auth.uid());
create policy "co-writers resolve and reopen threads" on public.statement_comments
  for update to authenticated
  using (app.can_write_statements(strategy_id)) with check (app.can_write_statements(strategy_id));

create policy "readers of the strategy see endorsements" on public.statement_endorsements
  for select to anon, authenticated using (app.can_read_strategy(strategy_id));
create policy "co-writers endorse as themselves" on public.statement_endorsements
  for insert to authenticated with check (app.can_write_statements(strategy_id) and user_id = auth.uid());
create policy "people withdraw their own endorsement" on public.statement_endorsements
  for delete to authenticated using (user_id = auth.uid());

create policy "members see who wrote what" on public.statement_contributions
  for select to authenticated using (app.is_member(strategy_id));

-- History of statements follows the statement; comments follow the discussion (members only).
drop policy "history follows what it describes" on public.audit_log;
create policy "history follows what it describes" on public.audit_log
  for select to anon, authenticated using (
    case
      when entity_type in ('strategy', 'priority', 'context_figure', 'commitment', 'statement', 'statement_link',
        'statement_version', 'statement_endorsement') then app.can_read_strategy(strategy_id)
      when entity_type in ('member', 'member_role', 'statement_comment') then app.is_member(strategy_id)
      when entity_type = 'invitation' then app.has_role(strategy_id, array['facilitator'])
      when entity_type = 'organisation' then true
      else false
    end
  );
