// The tokens of the user asking, newest first (secrets are never shown again).
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { Actor, TokenSummary } from './schemas';
import { selectTokens } from './sql';

export async function findTokens(actor: Actor, q: Queryable = getDb()): Promise<TokenSummary[]> {
  return actor.id ? selectTokens(q, actor.id) : [];
}
