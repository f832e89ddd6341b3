-- Powers match roles (issue 19). A block list keeps its owner (created_by), who last replaced it (updated_by), and
-- the authority it comes from (a hotline, e.g. IWF), set only by an admin: such a list's flags start confirmed, as
-- that authority's decision. One column per statement: on Citus, an ALTER with two ADD COLUMNs on a reference table
-- fails inside a many-statement migration.
ALTER TABLE block_lists ADD COLUMN authority text;
ALTER TABLE block_lists ADD COLUMN updated_by text;
UPDATE block_lists SET updated_by = created_by;

-- Hidden means gone, at rest: a takedown item (a url, or an image's source URL) or a block-list entry keeps a hidden
-- URL (one in hidden_urls), and every URL of a csam_report request or a csam_suspected list, only as 'sha256:' and
-- the hex SHA-256 of its UTF-8 bytes.
-- (The digest is computed in a CTE: Citus refuses a STABLE function over a column inside an UPDATE.)
WITH d AS (
  SELECT i.id, 'sha256:' || encode(sha256(convert_to(i.value, 'UTF8')), 'hex') AS digest FROM takedown_items i
   WHERE i.kind IN ('url', 'image') AND i.value NOT LIKE 'sha256:%'
     AND (i.value IN (SELECT url FROM hidden_urls) OR i.takedown_id IN (SELECT id FROM takedowns WHERE kind = 'csam_report'))
)
UPDATE takedown_items i SET value = d.digest FROM d WHERE i.id = d.id;
INSERT INTO block_list_entries (list_id, kind, value)
SELECT e.list_id, 'url', 'sha256:' || encode(sha256(convert_to(e.value, 'UTF8')), 'hex') FROM block_list_entries e
 WHERE e.kind = 'url' AND e.value NOT LIKE 'sha256:%'
   AND (e.value IN (SELECT url FROM hidden_urls) OR e.list_id IN (SELECT id FROM block_lists WHERE reason = 'csam_suspected'))
ON CONFLICT DO NOTHING;
DELETE FROM block_list_entries e
 WHERE e.kind = 'url' AND e.value NOT LIKE 'sha256:%'
   AND (e.value IN (SELECT url FROM hidden_urls) OR e.list_id IN (SELECT id FROM block_lists WHERE reason = 'csam_suspected'));
-- Whether any list holds a digest, asked at every ingest shard before it hashes the shard's URLs.
CREATE INDEX block_list_entries_digest_idx ON block_list_entries (list_id) WHERE kind = 'url' AND value LIKE 'sha256:%';
