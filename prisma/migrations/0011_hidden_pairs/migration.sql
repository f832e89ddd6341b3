-- Hidden means gone (lib/pairs/hiding): a pair is hidden while some "source" pair has an open or confirmed
-- csam_suspected flag and this pair is that source itself, shares its URL, or is a look-alike of its image (cosine at
-- or above 0.94, in any dataset of the same model). One row per hidden pair and source, so a rejected flag un-hides
-- what it alone caused and leaves what another source still hides.
CREATE TABLE hidden_pairs (
  pair_id        bigint NOT NULL,
  source_pair_id bigint NOT NULL,
  -- flag: the pair's own csam_suspected flag; url: the same URL as the source; lookalike: its image matches the source's
  cause          text NOT NULL CHECK (cause IN ('flag', 'url', 'lookalike')),
  cosine         real,
  hidden_at      timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (pair_id, source_pair_id)
);
CREATE INDEX hidden_pairs_source_idx ON hidden_pairs (source_pair_id);

-- The hidden URLs now say which source hides them, so a pair ingested later with such a URL is hidden for that source.
-- Made anew rather than altered: on Citus a reference table's ALTER inside a many-statement migration fails.
DROP TABLE hidden_urls;
CREATE TABLE hidden_urls (
  url            text NOT NULL,
  source_pair_id bigint NOT NULL,
  hidden_at      timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (url, source_pair_id)
);

INSERT INTO hidden_pairs (pair_id, source_pair_id, cause)
SELECT DISTINCT f.pair_id, f.pair_id, 'flag' FROM flags f
 WHERE f.reason = 'csam_suspected' AND f.state IN ('open', 'confirmed');
INSERT INTO hidden_urls (url, source_pair_id)
SELECT DISTINCT p.url, h.source_pair_id FROM hidden_pairs h JOIN pairs p ON p.id = h.pair_id WHERE p.url IS NOT NULL;
INSERT INTO hidden_pairs (pair_id, source_pair_id, cause)
SELECT p.id, u.source_pair_id, 'url' FROM pairs p JOIN hidden_urls u ON u.url = p.url
ON CONFLICT DO NOTHING;

-- Every reader outside lib/pairs reads pairs through this view, so no query can forget the rule. The look-alikes of
-- flags raised before this migration are found by the 'hiding' job it queues.
CREATE VIEW shown_pairs AS
SELECT p.* FROM pairs p WHERE NOT EXISTS (SELECT 1 FROM hidden_pairs h WHERE h.pair_id = p.id);

INSERT INTO jobs (kind, params, dedupe_key)
SELECT 'hiding', '{"all": true}'::jsonb, 'hiding:all' WHERE EXISTS (SELECT 1 FROM hidden_pairs);

