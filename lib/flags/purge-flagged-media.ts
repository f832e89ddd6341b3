// `sieve purge-media --reason csam_suspected`: deletes the local image files (and cached thumbnails) of pairs under an
// open or confirmed flag of that reason and of every pair the hiding rule hides with them (URL twins, look-alikes),
// the tar members ingest extracted for them (copies a re-ingest extracted again too) and every cached thumbnail that
// belongs to no current image; forgets the paths and audits each pair, naming no URL or path.
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import { recordEvents } from '../audit/record-events';
import type { Actor } from '../auth/schemas';
import { forgetLocalImages } from '../pairs/clear-image-paths';
import { deleteExtractedMembers } from '../pairs/delete-extracted-members';
import { deleteHiddenMedia, deleteImageFiles } from '../pairs/delete-hidden-media';
import { deleteOrphanThumbnails } from '../pairs/delete-orphan-thumbnails';
import type { FlagReason } from './reasons';
import { selectFlaggedImagePaths } from './sql';

export interface PurgeSummary {
  /** Pairs whose local image was deleted and forgotten. */
  pairs: number;
  files: number;
  /** Extracted tar members of hidden pairs that no pair pointed to any more. */
  extracted: number;
  thumbnails: number;
}

export async function purgeFlaggedMedia(db: Db, actor: Actor, reason: FlagReason): Promise<PurgeSummary> {
  const rows = await selectFlaggedImagePaths(db, reason);
  let files = 0;
  let thumbnails = 0;
  for (const r of rows) {
    const gone = await deleteImageFiles(r.image_path);
    files += Number(gone.file);
    thumbnails += gone.thumbnails;
  }
  await db.tx(async (tx) => {
    await forgetLocalImages(tx, rows.map((r) => r.id));
    await recordEvents(tx, rows.map((r) => ({ actor: actor.id, action: 'media.purge', subject: `pair:${r.id}`, datasetId: r.dataset_id, details: { reason } })));
  });
  const summary: PurgeSummary = { pairs: rows.length, files, extracted: 0, thumbnails };
  if (reason === 'csam_suspected') {
    const hidden = await deleteHiddenMedia(db, { actor: actor.id, ip: actor.ip, action: 'media.purge' });
    const extracted = await deleteExtractedMembers(db);
    summary.pairs += hidden.pairIds.length;
    summary.files += hidden.files;
    summary.thumbnails += hidden.thumbnails + extracted.thumbnails;
    summary.extracted = extracted.files;
    if (extracted.files) {
      await recordEvent(db, { actor: actor.id, ip: actor.ip, action: 'media.purge', subject: 'media', details: { reason: 'hidden', extracted: extracted.files, pairIds: extracted.pairIds } });
    }
  }
  const orphans = await deleteOrphanThumbnails(db);
  summary.thumbnails += orphans;
  if (orphans) await recordEvent(db, { actor: actor.id, ip: actor.ip, action: 'media.purge', subject: 'thumbnails', details: { orphans } });
  return summary;
}
