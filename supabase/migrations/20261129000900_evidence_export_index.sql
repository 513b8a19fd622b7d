-- The evidence CSV reads a strategy's evidence newest first, a page at a time by keyset
-- (evidence_date, id): this index lets each page start where the last ended instead of sorting
-- every row of the strategy again.
create index evidence_strategy_date_idx on public.evidence (strategy_id, evidence_date desc, id desc);
