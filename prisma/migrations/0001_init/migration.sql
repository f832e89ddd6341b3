-- Sieve's first schema: datasets, pairs, resumable ingest bookkeeping, flags and the audit trail.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE datasets (
  id         serial PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  model      text NOT NULL,
  dim        integer,
  source     text,
  created_at timestamptz(6) NOT NULL DEFAULT now()
);

CREATE TABLE pairs (
  id          bigserial PRIMARY KEY,
  dataset_id  integer NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  source_file text NOT NULL,
  -- Fingerprint of the shard's content: the same file found elsewhere is the same rows, and two
  -- different files that share a relative name (metadata_0.parquet in two folders) are not.
  source_id   text NOT NULL,
  source_row  integer NOT NULL,
  url         text,
  caption     text,
  domain      text,
  width       integer,
  height      integer,
  similarity  real,
  punsafe     real,
  pwatermark  real,
  aesthetic   real,
  license     text,
  language    text,
  nsfw        text,
  hash        text,
  sample_id   text,
  image_path  text,
  extra       jsonb,
  img_emb     halfvec,
  txt_emb     halfvec,
  -- 'simple' rather than 'english': LAION captions come in every language, and stemming one
  -- language would make keyword search worse for all the others.
  caption_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(caption, ''))) STORED,
  created_at  timestamptz(6) NOT NULL DEFAULT now(),
  CONSTRAINT pairs_dataset_id_source_id_source_row_key UNIQUE (dataset_id, source_id, source_row)
);
CREATE INDEX pairs_dataset_id_id_idx ON pairs (dataset_id, id);
CREATE INDEX pairs_dataset_id_domain_idx ON pairs (dataset_id, domain);
CREATE INDEX pairs_caption_tsv_idx ON pairs USING gin (caption_tsv);

CREATE TABLE ingest_shards (
  dataset_id   integer NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  source_id    text NOT NULL,
  source_file  text NOT NULL,
  rows         integer NOT NULL,
  completed_at timestamptz(6) NOT NULL DEFAULT now(),
  PRIMARY KEY (dataset_id, source_id)
);

CREATE TABLE flags (
  id         bigserial PRIMARY KEY,
  pair_id    bigint NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
  reason     text NOT NULL,
  note       text,
  state      text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'confirmed', 'rejected')),
  origin     text NOT NULL DEFAULT 'human' CHECK (origin IN ('human', 'machine')),
  created_by text,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  decided_by text,
  decided_at timestamptz(6),
  CONSTRAINT flags_pair_id_reason_origin_key UNIQUE (pair_id, reason, origin)
);
CREATE INDEX flags_reason_state_idx ON flags (reason, state);

CREATE TABLE audit_events (
  id      bigserial PRIMARY KEY,
  at      timestamptz(6) NOT NULL DEFAULT now(),
  actor   text,
  action  text NOT NULL,
  subject text NOT NULL,
  details jsonb
);
CREATE INDEX audit_events_subject_idx ON audit_events (subject);

-- The trail is evidence: the database itself refuses to rewrite it, whoever connects.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
