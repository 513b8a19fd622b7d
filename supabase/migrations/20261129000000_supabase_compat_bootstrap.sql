-- Supplies what a Supabase project already has, so the same migrations and Row Level Security
-- policies run on PGlite and on a plain Postgres server: the roles anon, authenticated and
-- service_role; schema auth with auth.users, auth.uid(), auth.jwt() and auth.role().
-- On Supabase every statement below is skipped: its own roles (supabase_auth_admin) exist.
do $bootstrap$
begin
  if exists (select 1 from pg_roles where rolname = 'supabase_auth_admin') then
    raise notice 'Supabase detected: compatibility bootstrap skipped';
    return;
  end if;

  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;

  create schema if not exists auth;
  grant usage on schema auth to anon, authenticated, service_role;

  create table if not exists auth.users (
    id uuid primary key default gen_random_uuid(),
    email text,
    encrypted_password text,
    raw_user_meta_data jsonb not null default '{}'::jsonb,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  );
  create unique index if not exists users_email_key on auth.users (lower(email));
  grant select, insert, update, delete on auth.users to service_role;

  -- The same definitions Supabase uses: identity comes from the request's JWT claims,
  -- which the app sets per transaction with set_config('request.jwt.claims', …, true).
  execute $fn$
    create or replace function auth.jwt() returns jsonb
    language sql stable
    as $body$
      select coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
      )::jsonb
    $body$
  $fn$;
  execute $fn$
    create or replace function auth.uid() returns uuid
    language sql stable
    as $body$
      select coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
      )::uuid
    $body$
  $fn$;
  execute $fn$
    create or replace function auth.role() returns text
    language sql stable
    as $body$
      select coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
      )::text
    $body$
  $fn$;
  grant execute on function auth.jwt(), auth.uid(), auth.role() to anon, authenticated, service_role;

  grant usage on schema public to anon, authenticated, service_role;
end
$bootstrap$;
