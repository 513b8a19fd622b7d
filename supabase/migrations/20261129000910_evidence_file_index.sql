-- The evidence files policy asks whether some evidence the reader may see holds the file
-- (`exists (select 1 from public.evidence e where e.file_id = evidence_files.id and …)`). Without
-- an index on evidence.file_id Postgres answers it with one hashed scan of the whole evidence
-- table, running the visibility function on every row: an evidence item with a file took over
-- 20 seconds to open at 100,000 rows (found by `npm run bench:dashboard`). With the index it is
-- one lookup (5 ms).
create index evidence_file_idx on public.evidence (file_id) where file_id is not null;
