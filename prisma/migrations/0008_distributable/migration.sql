-- Ready for a distributed PostgreSQL (Citus, docs/scaling.md), and the same on one server:
-- 1. The hiding rule's "another pair with this URL" no longer joins pairs to pairs by URL (a join Citus cannot run
--    between shards of pairs): URLs under an open or confirmed csam_suspected flag are kept in hidden_urls, a small
--    table every reader looks up (lib/flags keeps it).
CREATE TABLE hidden_urls (
  url       text PRIMARY KEY,
  hidden_at timestamptz(6) NOT NULL DEFAULT now()
);
INSERT INTO hidden_urls (url)
SELECT DISTINCT p.url FROM flags f JOIN pairs p ON p.id = f.pair_id
 WHERE f.reason = 'csam_suspected' AND f.state IN ('open', 'confirmed') AND p.url IS NOT NULL;

-- 2. A flag lives with its pair: its key starts with pair_id, the column flags are sharded by (a distributed table's
--    unique keys must contain it). Ids stay unique through their sequence; lookups by id keep an index.
ALTER TABLE flags DROP CONSTRAINT flags_pkey;
ALTER TABLE flags ADD CONSTRAINT flags_pkey PRIMARY KEY (pair_id, id);
DROP INDEX flags_pair_id_idx;
CREATE INDEX flags_id_idx ON flags (id);
