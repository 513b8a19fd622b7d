-- Assurance measures and evaluation evidence. An evaluator defines measures (baseline, target,
-- reporting frequency, data source, RAG rules) and links each to commitments and priorities.
-- Any member submits evidence (a data point, a document, a story of lived experience with consent,
-- or feedback) in one of the six categories of CQC's assessment framework, against a measure, a
-- commitment or a priority. Evaluators verify, return or reject it; only verified evidence counts.
-- Files are stored outside the database (local disk or Supabase Storage); a row here names them.

-- ---------------------------------------------------------------------------------------------
-- Measures.
create table public.measures (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  name text not null check (length(btrim(name)) between 3 and 200),
  definition text not null default '' check (length(definition) <= 4000),
  kind text not null default 'quantitative' check (kind in ('quantitative', 'qualitative')),
  unit text check (unit in ('percentage', 'pounds', 'count', 'rate', 'score')),
  direction text check (direction in ('higher_is_better', 'lower_is_better')),
  baseline_value numeric,
  baseline_date date,
  baseline_source text check (baseline_source is null or length(btrim(baseline_source)) between 2 and 300),
  target_value numeric,
  target_date date,
  target_is_example boolean not null default false,
  frequency text not null default 'annual'
    check (frequency in ('monthly', 'quarterly', 'six_monthly', 'annual', 'ad_hoc')),
  data_source text not null default 'local_data'
    check (data_source in ('workforce_data_set', 'national_survey', 'local_data', 'other')),
  data_source_detail text not null default '' check (length(data_source_detail) <= 300),
  -- RAG: 'trajectory' compares the latest verified value with the straight-line path from
  -- baseline to target, allowing `tolerance` (in the measure's unit) before "off track";
  -- 'thresholds' uses the evaluator's two values; qualitative measures take the evaluator's
  -- judgement recorded with each verified milestone.
  rag_method text not null default 'trajectory' check (rag_method in ('trajectory', 'thresholds', 'judgement')),
  tolerance numeric check (tolerance is null or tolerance >= 0),
  on_track_threshold numeric,
  off_track_threshold numeric,
  archived_at timestamptz,
  created_by uuid references auth.users (id) default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind = 'qualitative') = (rag_method = 'judgement')),
  check (kind = 'qualitative' or (unit is not null and direction is not null
    and baseline_value is not null and baseline_date is not null
    and target_value is not null and target_date is not null and target_date > baseline_date)),
  check (rag_method <> 'trajectory' or tolerance is not null),
  check (rag_method <> 'thresholds' or (on_track_threshold is not null and off_track_threshold is not null))
);
create index measures_strategy_idx on public.measures (strategy_id);
create trigger measures_touch before update on public.measures
  for each row execute function app.touch_updated_at();

-- A measure tells how one or more commitments and priorities are going.
create table public.measure_links (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  measure_id uuid not null references public.measures (id) on delete cascade,
  commitment_id uuid references public.commitments (id) on delete cascade,
  priority_id uuid references public.priorities (id) on delete cascade,
  created_by uuid references auth.users (id) default auth.uid(),
  created_at timestamptz not null default now(),
  check (num_nonnulls(commitment_id, priority_id) = 1),
  unique nulls not distinct (measure_id, commitment_id, priority_id)
);
create index measure_links_measure_idx on public.measure_links (measure_id);
create index measure_links_commitment_idx on public.measure_links (commitment_id) where commitment_id is not null;
create index measure_links_priority_idx on public.measure_links (priority_id) where priority_id is not null;

create or replace function app.check_measure_link() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select 1 from public.measures m where m.id = new.measure_id and m.strategy_id = new.strategy_id) then
    raise exception 'The measure belongs to another strategy' using errcode = '23503';
  end if;
  if new.commitment_id is not null and not exists (
    select 1 from public.commitments c where c.id = new.commitment_id and c.strategy_id = new.strategy_id
  ) then
    raise exception 'The commitment belongs to another strategy' using errcode = '23503';
  end if;
  if new.priority_id is not null and not exists (
    select 1 from public.priorities p where p.id = new.priority_id and p.strategy_id = new.strategy_id
  ) then
    raise exception 'The priority belongs to another strategy' using errcode = '23503';
  end if;
  return new;
end
$$;
create trigger measure_links_check before insert or update on public.measure_links
  for each row execute function app.check_measure_link();

-- ---------------------------------------------------------------------------------------------
-- Files: stored by a storage adapter under a key the server makes (never a user's path). The
-- type is what the content showed, not what the browser claimed.
create table public.evidence_files (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  storage_key text not null unique check (storage_key ~ '^[a-z0-9/_-]+$'),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  byte_size bigint not null check (byte_size > 0),
  content_type text not null check (content_type in (
    'application/pdf', 'image/png', 'image/jpeg', 'text/csv', 'text/plain',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.oasis.opendocument.text')),
  file_name text not null check (length(file_name) between 1 and 200),
  uploaded_by uuid not null references auth.users (id) default auth.uid(),
  created_at timestamptz not null default now()
);
create index evidence_files_strategy_idx on public.evidence_files (strategy_id);

-- ---------------------------------------------------------------------------------------------
-- Evidence.
create table public.evidence (
  id uuid primary key default gen_random_uuid(),
  strategy_id uuid not null references public.strategies (id) on delete cascade,
  kind text not null check (kind in ('data_point', 'document', 'story', 'feedback')),
  category text not null check (category in (
    'peoples_experience', 'staff_leader_feedback', 'partner_feedback', 'observation', 'processes', 'outcomes')),
  measure_id uuid references public.measures (id) on delete cascade,
  commitment_id uuid references public.commitments (id) on delete cascade,
  priority_id uuid references public.priorities (id) on delete cascade,
  title text not null check (length(btrim(title)) between 3 and 200),
  body text not null default '' check (length(body) <= 10000),
  source text not null check (length(btrim(source)) between 2 and 300),
  evidence_date date not null,
  -- A data point: its value and the period it describes (a qualitative measure's milestone
  -- carries a judgement instead of a value).
  value numeric,
  period_start date,
  period_end date,
  judgement text check (judgement in ('on_track', 'at_risk', 'off_track')),
  file_id uuid references public.evidence_files (id),
  -- A story: what the person agreed to.
  consent_quote boolean not null default false,
  consent_publish boolean not null default false,
  anonymised boolean not null default false,
  status text not null default 'submitted' check (status in ('submitted', 'returned', 'verified', 'rejected')),
  review_note text check (review_note is null or length(btrim(review_note)) between 3 and 2000),
  reviewed_by uuid references auth.users (id),
  reviewed_at timestamptz,
  import_batch_id uuid,
  submitted_by uuid not null references auth.users (id) default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (num_nonnulls(measure_id, commitment_id, priority_id) = 1),
  check (kind <> 'data_point' or (measure_id is not null and period_end is not null
    and (value is not null or judgement is not null))),
  check (kind = 'data_point' or (value is null and judgement is null)),
  check (period_start is null or period_end is null or period_start <= period_end),
  check ((kind = 'document') = (file_id is not null)),
  check (kind = 'story' or not (consent_quote or consent_publish or anonymised)),
  check (status in ('submitted', 'verified') or review_note is not null)
);
create index evidence_strategy_idx on public.evidence (strategy_id, status);
create index evidence_measure_idx on public.evidence (measure_id, period_end) where measure_id is not null;
create index evidence_commitment_idx on public.evidence (commitment_id) where commitment_id is not null;
create index evidence_priority_idx on public.evidence (priority_id) where priority_id is not null;
-- One verified or pending value per measure and period: a second is a duplicate, not a correction.
create unique index evidence_one_data_point_per_period on public.evidence (measure_id, period_end)
  where kind = 'data_point' and status in ('submitted', 'verified');
create trigger evidence_touch before update on public.evidence
  for each row execute function app.touch_updated_at();

-- Who may review: an evaluator or a facilitator of the strategy.
create or replace function app.can_review_evidence(p_strategy_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select app.has_role(p_strategy_id, array['evaluator', 'facilitator'])
$$;

-- Keeps evidence honest: the target is in the strategy, a file is the submitter's, a new item is
-- submitted by its author, a review is recorded with who and when, and only the submitter may
-- change what it says, in answer to a return (which sends it back for review).
create or replace function app.evidence_bookkeeping() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    new.status := 'submitted';
    new.review_note := null;
    new.reviewed_by := null;
    new.reviewed_at := null;
  else
    if new.strategy_id is distinct from old.strategy_id or new.submitted_by is distinct from old.submitted_by
       or new.kind is distinct from old.kind or new.import_batch_id is distinct from old.import_batch_id then
      raise exception 'Evidence cannot move to another strategy, author or kind' using errcode = '42501';
    end if;
    if old.status in ('verified', 'rejected') and (
      new.title, new.body, new.source, new.evidence_date, new.value, new.period_start, new.period_end,
      new.judgement, new.file_id, new.consent_quote, new.consent_publish, new.anonymised, new.category,
      new.measure_id, new.commitment_id, new.priority_id
    ) is distinct from (
      old.title, old.body, old.source, old.evidence_date, old.value, old.period_start, old.period_end,
      old.judgement, old.file_id, old.consent_quote, old.consent_publish, old.anonymised, old.category,
      old.measure_id, old.commitment_id, old.priority_id
    ) then
      raise exception 'Reviewed evidence cannot be changed; submit new evidence instead' using errcode = '42501';
    end if;
    if new.status is distinct from old.status then
      if new.status = 'submitted' then
        -- Answering a return: only the submitter, and only from "returned".
        if old.status <> 'returned' or old.submitted_by is distinct from auth.uid() then
          raise exception 'Only the person who submitted returned evidence can send it back for review'
            using errcode = '42501';
        end if;
        new.reviewed_by := old.reviewed_by;
        new.reviewed_at := old.reviewed_at;
      else
        if not app.can_review_evidence(new.strategy_id) then
          raise exception 'Only an evaluator or a facilitator can review evidence' using errcode = '42501';
        end if;
        if old.status not in ('submitted') then
          raise exception 'Only submitted evidence can be reviewed' using errcode = '23514';
        end if;
        new.reviewed_by := auth.uid();
        new.reviewed_at := now();
        if new.status = 'verified' then
          new.review_note := nullif(btrim(coalesce(new.review_note, '')), '');
        end if;
      end if;
    end if;
    -- What the evidence says is the submitter's alone, changed only in answer to a return: a
    -- reviewer verifies, returns or rejects it, and never rewords it.
    if (
      new.title, new.body, new.source, new.evidence_date, new.value, new.period_start, new.period_end,
      new.judgement, new.file_id, new.consent_quote, new.consent_publish, new.anonymised, new.category,
      new.measure_id, new.commitment_id, new.priority_id
    ) is distinct from (
      old.title, old.body, old.source, old.evidence_date, old.value, old.period_start, old.period_end,
      old.judgement, old.file_id, old.consent_quote, old.consent_publish, old.anonymised, old.category,
      old.measure_id, old.commitment_id, old.priority_id
    ) and (old.status <> 'returned' or old.submitted_by is distinct from auth.uid()) then
      raise exception 'Evidence can be changed only by the person who submitted it, after it is returned'
        using errcode = '42501';
    end if;
  end if;
  if new.measure_id is not null and not exists (
    select 1 from public.measures m where m.id = new.measure_id and m.strategy_id = new.strategy_id
  ) then
    raise exception 'The measure belongs to another strategy' using errcode = '23503';
  end if;
  if new.commitment_id is not null and not exists (
    select 1 from public.commitments c where c.id = new.commitment_id and c.strategy_id = new.strategy_id
  ) then
    raise exception 'The commitment belongs to another strategy' using errcode = '23503';
  end if;
  if new.priority_id is not null and not exists (
    select 1 from public.priorities p where p.id = new.priority_id and p.strategy_id = new.strategy_id
  ) then
    raise exception 'The priority belongs to another strategy' using errcode = '23503';
  end if;
  if new.file_id is not null and (tg_op = 'INSERT' or new.file_id is distinct from old.file_id) and not exists (
    select 1 from public.evidence_files f
     where f.id = new.file_id and f.strategy_id = new.strategy_id and f.uploaded_by = new.submitted_by
  ) then
    raise exception 'The file was not uploaded by this person for this strategy' using errcode = '23503';
  end if;
  return new;
end
$$;
create trigger evidence_bookkeeping before insert or update on public.evidence
  for each row execute function app.evidence_bookkeeping();

/**
 * Whether the current reader may see a piece of evidence: the one visibility rule, used by the
 * evidence policy and by the policy on its files. Reviewers and the submitter see everything;
 * other members see what is submitted or verified; visitors of a public strategy see verified
 * evidence only, and a story only if the person agreed to its publication.
 */
create or replace function app.can_read_evidence(
  p_strategy_id uuid, p_status text, p_kind text, p_consent_publish boolean, p_submitted_by uuid
) returns boolean
language sql stable security definer set search_path = '' as $$
  select case
    when app.can_review_evidence(p_strategy_id) or p_submitted_by = auth.uid() then true
    when app.is_member(p_strategy_id) then p_status in ('submitted', 'verified')
    else p_status = 'verified' and app.can_read_strategy(p_strategy_id) and (p_kind <> 'story' or p_consent_publish)
  end
$$;

-- ---------------------------------------------------------------------------------------------
-- Audit.
create trigger audit_measures after insert or update or delete on public.measures
  for each row execute function app.audit_row_change('measure', 'id');
create trigger audit_measure_links after insert or delete on public.measure_links
  for each row execute function app.audit_row_change('measure_link', 'measure_id');
create trigger audit_evidence after insert or update on public.evidence
  for each row execute function app.audit_row_change('evidence', 'id', 'body');

-- ---------------------------------------------------------------------------------------------
-- Privileges and Row Level Security.
revoke all on public.measures, public.measure_links, public.evidence_files, public.evidence
  from anon, authenticated, service_role;
grant select on public.measures, public.measure_links, public.evidence_files, public.evidence to anon, authenticated;
grant insert, update on public.measures to authenticated;
grant insert, delete on public.measure_links to authenticated;
grant insert (strategy_id, storage_key, sha256, byte_size, content_type, file_name) on public.evidence_files to authenticated;
grant insert (strategy_id, kind, category, measure_id, commitment_id, priority_id, title, body, source, evidence_date,
  value, period_start, period_end, judgement, file_id, consent_quote, consent_publish, anonymised, import_batch_id)
  on public.evidence to authenticated;
grant update (category, measure_id, commitment_id, priority_id, title, body, source, evidence_date, value,
  period_start, period_end, judgement, file_id, consent_quote, consent_publish, anonymised, status, review_note)
  on public.evidence to authenticated;
grant select, insert, update, delete on public.measures, public.measure_links, public.evidence_files, public.evidence
  to service_role;

alter table public.measures enable row level security;
alter table public.measure_links enable row level security;
alter table public.evidence_files enable row level security;
alter table public.evidence enable row level security;

create policy "readers of the strategy see its measures" on public.measures
  for select to anon, authenticated using (app.can_read_strategy(strategy_id));
create policy "evaluators and facilitators define measures" on public.measures
  for insert to authenticated with check (app.has_role(strategy_id, array['evaluator', 'facilitator']));
create policy "evaluators and facilitators change measures" on public.measures
  for update to authenticated
  using (app.has_role(strategy_id, array['evaluator', 'facilitator']))
  with check (app.has_role(strategy_id, array['evaluator', 'facilitator']));

create policy "readers of the strategy see what measures show" on public.measure_links
  for select to anon, authenticated using (app.can_read_strategy(strategy_id));
create policy "evaluators and facilitators link measures" on public.measure_links
  for insert to authenticated with check (app.has_role(strategy_id, array['evaluator', 'facilitator']));
create policy "evaluators and facilitators unlink measures" on public.measure_links
  for delete to authenticated using (app.has_role(strategy_id, array['evaluator', 'facilitator']));

-- A file is as visible as the evidence that holds it; before that, only to whoever uploaded it.
create policy "files follow their evidence" on public.evidence_files
  for select to anon, authenticated using (
    uploaded_by = auth.uid() or exists (
      select 1 from public.evidence e
       where e.file_id = evidence_files.id
         and app.can_read_evidence(e.strategy_id, e.status, e.kind, e.consent_publish, e.submitted_by)
    )
  );
create policy "members upload files as themselves" on public.evidence_files
  for insert to authenticated with check (app.is_member(strategy_id) and uploaded_by = auth.uid());

create policy "evidence is seen by whom it may be" on public.evidence
  for select to anon, authenticated using (
    app.can_read_evidence(strategy_id, status, kind, consent_publish, submitted_by)
  );
create policy "members submit evidence as themselves" on public.evidence
  for insert to authenticated with check (app.is_member(strategy_id) and submitted_by = auth.uid());
create policy "reviewers review, submitters answer a return" on public.evidence
  for update to authenticated
  using (app.can_review_evidence(strategy_id) or (submitted_by = auth.uid() and status = 'returned'))
  with check (app.can_review_evidence(strategy_id) or submitted_by = auth.uid());

-- History: measures follow the strategy; evidence follows its visibility at the time of reading.
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
      when entity_type = 'evidence' then exists (
        select 1 from public.evidence e
         where e.id = audit_log.entity_id
           and app.can_read_evidence(e.strategy_id, e.status, e.kind, e.consent_publish, e.submitted_by))
      when entity_type = 'invitation' then app.has_role(strategy_id, array['facilitator'])
      when entity_type = 'organisation' then true
      else false
    end
  );
