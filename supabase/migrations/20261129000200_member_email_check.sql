-- Lets a facilitator ask whether an email address already belongs to a member of their strategy,
-- so an invitation to someone already in it can be refused. Email addresses live in auth.users,
-- which no request role may read; this answers one yes-or-no question, and only to facilitators
-- of that strategy, so it cannot be used to find out who has an account.

/** Is this email address a member of the strategy? Null unless the caller is its facilitator. */
create or replace function app.is_member_email(p_strategy_id uuid, p_email text) returns boolean
language sql stable security definer set search_path = '' as $$
  select case
    when app.has_role(p_strategy_id, array['facilitator']) then exists (
      select 1
      from public.strategy_members m
      join auth.users u on u.id = m.user_id
      where m.strategy_id = p_strategy_id and lower(u.email) = lower(btrim(p_email))
    )
  end
$$;
revoke execute on function app.is_member_email(uuid, text) from public, anon;
grant execute on function app.is_member_email(uuid, text) to authenticated, service_role;
