-- The hiding rule asks, for every pair it reads, whether that pair or another with its URL has an open or confirmed
-- csam_suspected flag: a small partial index answers it without touching other flags.
CREATE INDEX flags_csam_hiding_idx ON flags (pair_id) WHERE reason = 'csam_suspected' AND state IN ('open', 'confirmed');
