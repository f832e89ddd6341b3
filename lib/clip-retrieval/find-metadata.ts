// POST /metadata: the columns of the pairs a client got as bare ids (clip-front asks 40 at a time as it scrolls).
import { getDb } from '../db/get-db';
import type { Db } from '../db/client';
import { checkIndexName } from './check-index-name';
import { inlineImages } from './inline-images';
import type { MetadataEntry, MetadataRequest } from './schemas';
import { selectPairsByIds } from './sql';
import { toClipMetadata } from './to-clip-metadata';

/**
 * One entry per id, in request order, with the id as sent. A pair that does not exist, is hidden (suspected CSAM or
 * its URL twin) or has an open or confirmed flag gets `metadata: {}`: /knn-service never returns such a pair, and
 * one flagged since then disappears here too. One SQL query, whatever the number of ids (plus the cached
 * thumbnails of pairs that have no URL, read from disk).
 */
export async function findMetadata(req: MetadataRequest, db: Db = getDb()): Promise<MetadataEntry[]> {
  if (req.ids.length === 0) return [];
  const ids = [...new Set(req.ids.map(Number))];
  const rows = await selectPairsByIds(db, ids, req.indiceName);
  // Only when nothing came back: was that because the index does not exist?
  if (rows.length === 0 && req.indiceName !== undefined) await checkIndexName(db, req.indiceName);
  const shown = new Map(rows.filter((r) => !r.hidden && !r.flagged).map((r) => [Number(r.id), r]));
  const images = await inlineImages(ids.flatMap((id) => shown.get(id) ?? []));
  return req.ids.map((id) => {
    const row = shown.get(Number(id));
    return { id, metadata: row ? toClipMetadata(row, images.get(row.id)) : {} };
  });
}
