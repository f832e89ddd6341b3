-- Flags at scale and their review: the bulk job that raised a flag, the queue's order, duplicate lookups by URL and
-- LAION hash, and resumable jobs.
ALTER TABLE flags ADD COLUMN job_id bigint;
CREATE INDEX flags_pair_id_idx ON flags (pair_id);
-- The review queue reads open flags oldest first.
CREATE INDEX flags_open_queue_idx ON flags (created_at, id) WHERE state = 'open';

-- Duplicate groups (same URL, same hash) and, later, takedowns by exact URL or URL prefix.
CREATE INDEX pairs_url_idx ON pairs (url text_pattern_ops);
CREATE INDEX pairs_hash_idx ON pairs (hash);

-- Where a resumed job starts again (a position in its own terms, e.g. the last pair id it finished).
ALTER TABLE jobs ADD COLUMN checkpoint jsonb;
