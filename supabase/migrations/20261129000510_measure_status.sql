-- The RAG status of every measure: the one rule, in SQL, for the measure page, the lists and the
-- dashboard (which aggregates this view). The interface only turns a row into words.
--
-- Only verified data points count. The latest is the one with the latest period_end (the period
-- it describes, not when it was entered); between two for the same period the later entry wins.
--
-- trajectory: expected(t) = baseline + (target − baseline) × clamp((t − baseline_date) /
--   (target_date − baseline_date), 0, 1), with t the latest value's period_end, and better = +1
--   when higher is better, −1 when lower is better. In order:
--     better × (value − target) ≥ 0                       → on track   (target_reached)
--     the target date has passed (today or t after it)     → off track  (past_target_date)
--     gap = better × (value − expected(t)) ≥ 0              → on track   (on_path)
--     gap ≥ −tolerance                                      → at risk    (within_tolerance)
--     otherwise                                             → off track  (behind_path)
-- thresholds: reaching the on-track threshold (equal counts) → on track (threshold_met); reaching
--   the off-track threshold (equal counts) → off track (threshold_missed); between → at risk
--   (between_thresholds). "Reaching" respects the direction.
-- judgement (qualitative measures): the judgement recorded with the latest verified milestone.
-- No verified data point: no_data.
--
-- security_invoker: the reader's own Row Level Security applies to the measures and evidence
-- underneath, so the view shows nobody a measure they could not read; and because only verified
-- data points count, every reader of a measure sees the same status.
create view public.measure_statuses with (security_invoker = true) as
with latest as (
  select m.id as measure_id,
         m.strategy_id,
         m.kind,
         m.rag_method,
         m.target_date,
         m.tolerance,
         m.on_track_threshold,
         m.off_track_threshold,
         case m.direction when 'lower_is_better' then -1 else 1 end as better,
         m.target_value,
         d.id as data_point_id,
         d.value as latest_value,
         d.judgement as latest_judgement,
         d.period_end as latest_period_end,
         case
           when m.kind = 'quantitative' and d.period_end is not null then
             m.baseline_value + (m.target_value - m.baseline_value) * least(greatest(
               (d.period_end - m.baseline_date)::numeric / (m.target_date - m.baseline_date), 0), 1)
         end as expected_value
    from public.measures m
    left join lateral (
      select e.id, e.value, e.judgement, e.period_end
        from public.evidence e
       where e.measure_id = m.id
         and e.kind = 'data_point'
         and e.status = 'verified'
         and case when m.kind = 'qualitative' then e.judgement is not null else e.value is not null end
       order by e.period_end desc, e.created_at desc, e.id desc
       limit 1
    ) d on true
), judged as (
  select l.*,
         case
           when l.data_point_id is null then 'no_data'
           when l.rag_method = 'judgement' then 'judgement'
           when l.rag_method = 'thresholds' then
             case
               when l.better * (l.latest_value - l.on_track_threshold) >= 0 then 'threshold_met'
               when l.better * (l.latest_value - l.off_track_threshold) <= 0 then 'threshold_missed'
               else 'between_thresholds'
             end
           when l.better * (l.latest_value - l.target_value) >= 0 then 'target_reached'
           when greatest(l.latest_period_end, current_date) > l.target_date then 'past_target_date'
           when l.better * (l.latest_value - l.expected_value) >= 0 then 'on_path'
           when l.better * (l.latest_value - l.expected_value) >= -l.tolerance then 'within_tolerance'
           else 'behind_path'
         end as reason
    from latest l
)
select j.measure_id,
       j.strategy_id,
       j.data_point_id,
       j.latest_value,
       j.latest_judgement,
       j.latest_period_end,
       j.expected_value,
       case j.reason
         when 'no_data' then 'no_data'
         when 'judgement' then j.latest_judgement
         when 'target_reached' then 'on_track'
         when 'on_path' then 'on_track'
         when 'threshold_met' then 'on_track'
         when 'within_tolerance' then 'at_risk'
         when 'between_thresholds' then 'at_risk'
         else 'off_track'
       end as status,
       j.reason
  from judged j;

comment on view public.measure_statuses is
  'The RAG status of each measure from its latest verified data point: the one rule (see the migration for it in words).';

grant select on public.measure_statuses to anon, authenticated, service_role;
