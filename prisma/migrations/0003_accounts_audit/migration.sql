-- Accounts, sessions and sign-in rate limits (the tables better-auth uses, named in Sieve's style), personal API
-- tokens, and the audit trail's who-and-where columns.
CREATE TABLE users (
  id             text PRIMARY KEY,
  name           text NOT NULL,
  email          text NOT NULL UNIQUE,
  email_verified boolean NOT NULL DEFAULT false,
  image          text,
  role           text NOT NULL DEFAULT 'viewer' CHECK (role IN ('viewer', 'curator', 'reviewer', 'admin')),
  -- A disabled user keeps their account (the trail names them) but can no longer sign in or use a token.
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz(6) NOT NULL DEFAULT now(),
  updated_at     timestamptz(6) NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  id          text PRIMARY KEY,
  expires_at  timestamptz(6) NOT NULL,
  token       text NOT NULL UNIQUE,
  created_at  timestamptz(6) NOT NULL DEFAULT now(),
  updated_at  timestamptz(6) NOT NULL DEFAULT now(),
  ip_address  text,
  user_agent  text,
  user_id     text NOT NULL REFERENCES users(id) ON DELETE CASCADE
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE accounts (
  id                       text PRIMARY KEY,
  account_id               text NOT NULL,
  provider_id              text NOT NULL,
  user_id                  text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  access_token             text,
  refresh_token            text,
  id_token                 text,
  access_token_expires_at  timestamptz(6),
  refresh_token_expires_at timestamptz(6),
  scope                    text,
  -- scrypt (N=16384, r=16, p=1) as "<salt hex>:<key hex>", written by better-auth's hasher.
  password                 text,
  created_at               timestamptz(6) NOT NULL DEFAULT now(),
  updated_at               timestamptz(6) NOT NULL DEFAULT now()
);
CREATE INDEX accounts_user_id_idx ON accounts (user_id);

CREATE TABLE verifications (
  id         text PRIMARY KEY,
  identifier text NOT NULL,
  value      text NOT NULL,
  expires_at timestamptz(6) NOT NULL,
  created_at timestamptz(6) NOT NULL DEFAULT now(),
  updated_at timestamptz(6) NOT NULL DEFAULT now()
);
CREATE INDEX verifications_identifier_idx ON verifications (identifier);

CREATE TABLE rate_limits (
  id           text PRIMARY KEY,
  key          text NOT NULL UNIQUE,
  count        integer NOT NULL,
  last_request bigint NOT NULL
);

-- Personal tokens for scripts: only a SHA-256 of the secret is kept (it has 256 random bits, so a slow hash adds
-- nothing), and a token's role is a ceiling under its owner's current role.
CREATE TABLE api_tokens (
  id           bigserial PRIMARY KEY,
  user_id      text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  -- The first characters of the secret, so a user can tell their tokens apart.
  prefix       text NOT NULL,
  role         text NOT NULL CHECK (role IN ('viewer', 'curator', 'reviewer', 'admin')),
  created_at   timestamptz(6) NOT NULL DEFAULT now(),
  expires_at   timestamptz(6),
  last_used_at timestamptz(6),
  revoked_at   timestamptz(6)
);
CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);

ALTER TABLE audit_events ADD COLUMN ip text, ADD COLUMN dataset_id integer;
CREATE INDEX audit_events_actor_id_idx ON audit_events (actor, id);
CREATE INDEX audit_events_action_id_idx ON audit_events (action, id);
CREATE INDEX audit_events_at_idx ON audit_events (at);
