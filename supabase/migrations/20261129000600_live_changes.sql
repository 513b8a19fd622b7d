-- Live change events. The audit log is the durable record of every change, in commit order, so it
-- is also the outbox: a notification only wakes the app's live hub, which reads the log itself.
-- A notification lost while no one was listening is found again by the hub's catch-up queries.

-- ---------------------------------------------------------------------------------------------
-- Every new audit row wakes the listeners. NOTIFY is delivered at commit and in commit order, and
-- the trigger sits in the database, so a change made by any app instance or by a direct SQL
-- import reaches every open dashboard. Rows outside any strategy (the organisation directory)
-- belong to no dashboard.
create or replace function app.notify_hub_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.strategy_id is not null then
    perform pg_notify('hub_changes', json_build_object('seq', new.seq, 'strategyId', new.strategy_id)::text);
  end if;
  return null;
end
$$;
create trigger audit_log_notify_hub after insert on public.audit_log
  for each row execute function app.notify_hub_change();

-- ---------------------------------------------------------------------------------------------
-- Where a page's live updates start: the latest change of the strategy when the caller may read
-- it, else null. A page reads it first in its transaction, so every change after it is news.
-- Security definer because the number must count every change, seen or not: it reveals only how
-- far the log has gone, never what is in it.
create or replace function app.live_cursor(p_strategy_id uuid) returns bigint
language sql stable security definer set search_path = '' as $$
  select case
    when app.can_read_strategy(p_strategy_id)
      then coalesce((select max(a.seq) from public.audit_log a where a.strategy_id = p_strategy_id), 0)
  end
$$;
revoke all on function app.live_cursor(uuid) from public;
grant execute on function app.live_cursor(uuid) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Which of a strategy's changes (after p_after, up to p_upto) each viewer may see, decided by the
-- audit log's own policy ("history follows what it describes"), exactly as the History page is.
-- One call serves every viewer of a strategy: for each element {"role", "claims"} of p_viewers it
-- takes on that role and those claims for the rest of the transaction and reads the log.
-- Security invoker because SET ROLE is refused inside a security definer function; only the
-- service role may call it (through the live hub), and it leaves the role as it found it.
-- Cached plans are safe across the switches: Postgres replans a query under RLS when the role
-- it runs as changes.
create or replace function app.live_visible_changes(p_strategy_id uuid, p_after bigint, p_upto bigint, p_viewers jsonb)
returns table (viewer integer, seq bigint)
language plpgsql volatile set search_path = '' as $$
declare
  original_role text := current_setting('role');
  original_claims text := current_setting('request.jwt.claims', true);
  i integer;
  viewer_role text;
begin
  for i in 0 .. coalesce(jsonb_array_length(p_viewers), 0) - 1 loop
    viewer_role := p_viewers -> i ->> 'role';
    if viewer_role is null or viewer_role not in ('anon', 'authenticated') then
      raise exception 'A live viewer is anon or authenticated, not %', coalesce(viewer_role, 'nothing')
        using errcode = '22023';
    end if;
    perform set_config('role', viewer_role, true);
    perform set_config('request.jwt.claims', coalesce(p_viewers -> i -> 'claims', '{}'::jsonb)::text, true);
    return query
      select i, a.seq
        from public.audit_log a
       where a.strategy_id = p_strategy_id and a.seq > p_after and a.seq <= p_upto
       order by a.seq;
  end loop;
  perform set_config('role', original_role, true);
  perform set_config('request.jwt.claims', coalesce(original_claims, ''), true);
end
$$;
revoke all on function app.live_visible_changes(uuid, bigint, bigint, jsonb) from public, anon, authenticated;
grant execute on function app.live_visible_changes(uuid, bigint, bigint, jsonb) to service_role;
