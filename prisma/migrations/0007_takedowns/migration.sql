-- Takedown and opt-out requests with their items and matches, and standing block lists checked at every ingest.
CREATE TABLE takedowns (
  id             bigserial PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('copyright_optout', 'privacy', 'csam_report', 'legal_order', 'other')),
  requester      text NOT NULL,
  contact        text,
  statement      text,
  received_on    date NOT NULL DEFAULT current_date,
  due_on         date NOT NULL,
  state          text NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'matched', 'applied', 'closed', 'rejected')),
  reject_reason  text,
  -- A public opt-out's tracking link carries a secret; only its SHA-256 is kept.
  token_hash     text UNIQUE,
  submitted_ip   text,
  created_by     text,
  created_at     timestamptz(6) NOT NULL DEFAULT now(),
  updated_at     timestamptz(6) NOT NULL DEFAULT now(),
  closed_at      timestamptz(6)
);
CREATE INDEX takedowns_open_due_idx ON takedowns (due_on) WHERE state NOT IN ('closed', 'rejected');
CREATE INDEX takedowns_submitted_ip_idx ON takedowns (submitted_ip, created_at) WHERE submitted_ip IS NOT NULL;

CREATE TABLE takedown_items (
  id          bigserial PRIMARY KEY,
  takedown_id bigint NOT NULL REFERENCES takedowns(id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('url', 'url_prefix', 'domain', 'hash', 'key', 'image', 'caption')),
  value       text,
  -- An image item's file (evidence, never shown publicly) and the cosine a match needs.
  image_path  text,
  threshold   real,
  created_at  timestamptz(6) NOT NULL DEFAULT now()
);
CREATE INDEX takedown_items_takedown_idx ON takedown_items (takedown_id);

CREATE TABLE takedown_matches (
  item_id     bigint NOT NULL REFERENCES takedown_items(id) ON DELETE CASCADE,
  pair_id     bigint NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
  takedown_id bigint NOT NULL,
  similarity  real,
  -- A curator dropped it as a false match in the preview: apply leaves it alone.
  excluded    boolean NOT NULL DEFAULT false,
  PRIMARY KEY (item_id, pair_id)
);
CREATE INDEX takedown_matches_takedown_idx ON takedown_matches (takedown_id, pair_id);

CREATE TABLE block_lists (
  id         serial PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  reason     text NOT NULL DEFAULT 'copyright_optout',
  source     text,
  created_by text,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  updated_at timestamptz(6) NOT NULL DEFAULT now()
);

CREATE TABLE block_list_entries (
  list_id integer NOT NULL REFERENCES block_lists(id) ON DELETE CASCADE,
  kind    text NOT NULL CHECK (kind IN ('url', 'domain', 'hash')),
  value   text NOT NULL,
  PRIMARY KEY (list_id, kind, value)
);
CREATE INDEX block_list_entries_value_idx ON block_list_entries (kind, value);

-- What raised a flag besides a person: a takedown request or a block list.
ALTER TABLE flags ADD COLUMN takedown_id bigint, ADD COLUMN block_list_id integer;
CREATE INDEX flags_takedown_idx ON flags (takedown_id) WHERE takedown_id IS NOT NULL;

-- Takedowns by LAION sample id / key.
CREATE INDEX pairs_sample_id_idx ON pairs (sample_id);
