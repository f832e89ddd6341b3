-- Exports: what was asked, by whom, where the files are and the manifest that describes (and reproduces) them.
CREATE TABLE exports (
  id          bigserial PRIMARY KEY,
  job_id      bigint,
  state       text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  format      text NOT NULL,
  -- The request as given (source, rule, format): a manifest re-runs it.
  request     jsonb NOT NULL,
  dataset_id  integer,
  rows        bigint,
  bytes       bigint,
  -- The finished export's folder under the data folder; null until it is complete (written under a temporary name).
  folder      text,
  manifest    jsonb,
  error       text,
  created_by  text,
  created_at  timestamptz(6) NOT NULL DEFAULT now(),
  finished_at timestamptz(6)
);
CREATE INDEX exports_created_at_idx ON exports (created_at DESC, id DESC);
