-- LAION's signals computed from the image embeddings (lib/signals): aesthetic and punsafe reuse their LAION columns
-- (filled only where the source had none), violence is new: the probability LAION's two-prompt detector gives the
-- violent prompt (> 0.5 is LAION's drop rule). Null until computed, and only CLIP ViT-B/32 and ViT-L/14 have weights.
ALTER TABLE pairs ADD COLUMN violence real;

-- The pairs still to score: an image embedding and no violence score yet (violence is written for every pair that is
-- scored, so it is also the "done" marker). Ingest scores new rows as it writes them, so this stays near empty, and a
-- re-run of `sieve signals` on a finished dataset is one empty index scan rather than a read of every pair.
CREATE INDEX pairs_signals_todo_idx ON pairs (dataset_id, id) WHERE violence IS NULL AND img_emb IS NOT NULL;
