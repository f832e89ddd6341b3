-- Concept rules: standing CLIP text prompts whose image matches, at or above the rule's cosine, become suggestions in
-- the review queue with the rule named (lib/signals). Small, and never joined with pairs: on Citus it stays on the
-- coordinator.
CREATE TABLE concept_rules (
  id         serial PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  prompt     text NOT NULL,
  threshold  real NOT NULL CHECK (threshold > -1 AND threshold < 1),
  reason     text NOT NULL,
  enabled    boolean NOT NULL DEFAULT true,
  created_by text,
  created_at timestamptz(6) NOT NULL DEFAULT now()
);
