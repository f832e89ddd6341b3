-- Background jobs (embedding runs now; bulk flags, exports and takedown matching later): queued work with
-- progress, picked up by the worker inside the server process and resumed after a restart.
CREATE TABLE jobs (
  id               bigserial PRIMARY KEY,
  kind             text NOT NULL,
  params           jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Two requests for the same work (the demo embedding the same dataset twice) are one job while it is active.
  dedupe_key       text,
  state            text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  done             bigint NOT NULL DEFAULT 0,
  total            bigint,
  message          text,
  result           jsonb,
  error            text,
  cancel_requested boolean NOT NULL DEFAULT false,
  attempts         integer NOT NULL DEFAULT 0,
  created_by       text,
  created_at       timestamptz(6) NOT NULL DEFAULT now(),
  started_at       timestamptz(6),
  finished_at      timestamptz(6),
  -- A running job whose worker stopped beating (a killed server) is queued again by the next worker.
  heartbeat_at     timestamptz(6)
);
CREATE UNIQUE INDEX jobs_active_dedupe_key ON jobs (dedupe_key) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_state_id_idx ON jobs (state, id);
