// A clip-retrieval request in Sieve's search terms: the query, the modality, the depth and the filters it implies.
import { AppError } from '../errors/app-error';
import { SearchQuery, type SearchInput, type SearchQueryInput } from '../search/schemas';
import type { KnnRequest } from './schemas';

/** LAION's drop rules: clip_back removes a result its NSFW classifier scores above 0.5, and one its violence detector
 * puts on the violent prompt (probability > 0.5, lib/signals/violence.ts). */
export const UNSAFE_ABOVE = 0.5;
export const VIOLENT_ABOVE = 0.5;

/**
 * The safety and violence switches become filters inside the index scan, so the answer still holds num_result_ids
 * results where clip-retrieval drops them afterwards. A pair with no score (not computed: no LAION model for its
 * dimension, or not scored yet) is kept, as Sieve's filters keep pairs without a value. Hidden and flagged pairs are
 * always left out: clip-retrieval's clients know nothing of blurring. Neither the depth nor `deduplicate` is passed on:
 * searchKnn reads num_result_ids itself and folds look-alikes in rounds over the index scan, with the vectors read
 * apart from the rows; the search page's bound on a page does not apply.
 */
export function toSearchInput(req: KnnRequest): SearchInput {
  const { image, ...query } = queryOf(req);
  // This adapter is the search's edge for clip-retrieval's requests: the translated request is parsed here, once.
  const parsed = SearchQuery.parse({
    dataset: req.indiceName,
    ...query,
    modality: req.modality,
    flagState: 'unflagged',
    ...(req.useSafetyModel ? { punsafeMax: UNSAFE_ABOVE } : {}),
    ...(req.useViolenceDetector ? { violenceMax: VIOLENT_ABOVE } : {}),
  } satisfies SearchQueryInput);
  return { ...parsed, image };
}

function queryOf(req: KnnRequest): Pick<SearchQueryInput, 'text' | 'imageUrl' | 'embedding'> & { image?: Uint8Array } {
  const q = req.query;
  if (q === null) throw new AppError('bad_request', 'give one of text, image (base64), image_url or embedding_input to search by');
  if ('text' in q) {
    if (req.useMclip) {
      throw new AppError('bad_request', 'use_mclip: this Sieve has no multilingual (M-CLIP) text encoder configured; send use_mclip: false to search with the CLIP text encoder, or search by image or embedding_input');
    }
    return { text: q.text };
  }
  if ('imageBase64' in q) return { image: decodeBase64Image(q.imageBase64) };
  if ('imageUrl' in q) {
    if (!URL.canParse(q.imageUrl)) throw new AppError('bad_request', `image_url: "${q.imageUrl.slice(0, 100)}" is not a URL`);
    return { imageUrl: q.imageUrl };
  }
  return { embedding: q.embedding };
}

/** clip-retrieval's clients send the file's bytes as plain base64; a data: URL prefix is forgiven. */
function decodeBase64Image(text: string): Uint8Array {
  const base64 = text.replace(/^data:[^,]*;base64,/i, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(base64)) throw new AppError('bad_request', 'image: not base64 (send the image file as base64, or its address as image_url)');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}
