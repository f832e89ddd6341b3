// Encodes captions or search queries with the CLIP text tower into L2-normalised vectors.
import { AppError } from '@/lib/errors/app-error';
import { loadClip } from './load-clip';
import { normaliseEmbeddings } from './normalise-embeddings';
import { EmbedTextsInputSchema } from './schemas';
import { tokenizeTexts } from './tokenize-texts';

export interface EmbedTextsOptions {
  /** Captions per encoder run: large enough to amortise each run's overhead, small enough to bound activations. */
  batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 64;

/** One unit vector per text, in order. Throws AppError('unavailable') when no CLIP weights can be loaded. */
export async function embedTexts(texts: string[], opts: EmbedTextsOptions = {}): Promise<Float32Array[]> {
  const parsed = EmbedTextsInputSchema.safeParse({ texts, batchSize: opts.batchSize });
  if (!parsed.success) throw new AppError('bad_request', 'embedTexts needs an array of strings', { issues: parsed.error.issues });
  if (texts.length === 0) return [];

  const { tokenizer, model } = await loadClip('text');
  const batchSize = parsed.data.batchSize ?? DEFAULT_BATCH_SIZE;
  const vectors: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    const batch = tokenizeTexts(tokenizer, texts.slice(start, start + batchSize));
    const { text_embeds } = await model(batch);
    vectors.push(...normaliseEmbeddings(text_embeds));
  }
  return vectors;
}
