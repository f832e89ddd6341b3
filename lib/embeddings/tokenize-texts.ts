// Turns captions into CLIP's fixed-context token batch: padded, cut at 77 tokens, always closed by the end token.
import type { Tensor } from '@huggingface/transformers';
import { CLIP_MAX_TOKENS } from './schemas';
import type { ClipTextTower } from './load-clip';

export interface TokenBatch {
  input_ids: Tensor;
  attention_mask: Tensor;
}

/**
 * Pads to the longest caption in the batch (CLIP pools at the end token, so padding does not change a vector).
 * Transformers.js truncates by chopping the tail, end token included; CLIP's text tower pools at that token, so a
 * cut caption gets it back in its last slot, as OpenAI's tokenizer does.
 */
export function tokenizeTexts(tokenizer: ClipTextTower['tokenizer'], texts: string[]): TokenBatch {
  const encoded = tokenizer(texts, { padding: true, truncation: true, max_length: CLIP_MAX_TOKENS }) as unknown as TokenBatch;
  const endId = tokenizer.eos_token_id;
  if (endId === undefined || endId === null) return encoded;

  const [rows, width] = encoded.input_ids.dims;
  const ids = encoded.input_ids.data as BigInt64Array;
  const mask = encoded.attention_mask.data as BigInt64Array;
  const end = BigInt(endId);
  for (let row = 0; row < rows; row++) {
    const last = row * width + width - 1;
    if (mask[last] === 1n && ids[last] !== end) ids[last] = end;
  }
  return encoded;
}
