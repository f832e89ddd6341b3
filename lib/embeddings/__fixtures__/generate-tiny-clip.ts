// Writes a tiny, deterministic, CLIP-shaped model folder that Transformers.js loads like a real one: the encoder of
// tests, the end-to-end server (scripts/e2e-server.ts) and the page benchmark.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildTinyClipGraphs, type TinyClipShape } from './build-tiny-clip-graphs';
import { CLIP_MAX_TOKENS } from '../schemas';

export interface GenerateTinyClipOptions {
  /** Embedding dimension, so generated vectors match a dataset's (default 32). */
  dim?: number;
  /** Seed of the weights: the same seed and dim give byte-identical files. */
  seed?: number;
}

const START_TOKEN = '<|startoftext|>';
const END_TOKEN = '<|endoftext|>';
const IMAGE_SIZE = 32;
// CLIP's own normalisation constants, so pixel values have the range the real preprocessing gives.
const CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073];
const CLIP_STD = [0.26862954, 0.26130258, 0.27577711];

/** Writes the model into `dir` (created if missing) and returns the folder's absolute path. */
export async function generateTinyClip(dir: string, opts: GenerateTinyClipOptions = {}): Promise<string> {
  const root = path.resolve(dir);
  const byteVocab = byteLevelVocab();
  const startId = Object.keys(byteVocab).length;
  const shape: TinyClipShape = {
    dim: opts.dim ?? 32,
    vocabSize: startId + 2,
    maxTokens: CLIP_MAX_TOKENS,
    textHidden: 64,
    imageSize: IMAGE_SIZE,
    poolSize: 4,
    visionHidden: 64,
    seed: opts.seed ?? 1,
  };
  if (!Number.isInteger(shape.dim) || shape.dim < 1 || shape.dim > 4096) throw new RangeError(`dim must be an integer in 1..4096, got ${opts.dim}`);

  const graphs = buildTinyClipGraphs(shape);
  await mkdir(path.join(root, 'onnx'), { recursive: true });
  const files: Record<string, string | Uint8Array> = {
    'config.json': json(modelConfig(shape, startId)),
    'tokenizer.json': json(tokenizerJson(byteVocab, startId)),
    'tokenizer_config.json': json(tokenizerConfig()),
    'special_tokens_map.json': json({ bos_token: START_TOKEN, eos_token: END_TOKEN, pad_token: END_TOKEN, unk_token: END_TOKEN }),
    'preprocessor_config.json': json(preprocessorConfig()),
    'onnx/text_model.onnx': graphs.text,
    'onnx/vision_model.onnx': graphs.vision,
    'README.md': `# sieve tiny CLIP (synthetic)\n\nRandom seeded weights (seed ${shape.seed}, dim ${shape.dim}) for tests only: its vectors carry no meaning and never match a real CLIP's.\n`,
  };
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(root, name), content);
  return root;
}

function modelConfig(s: TinyClipShape, startId: number) {
  return {
    model_type: 'clip',
    architectures: ['CLIPModel'],
    _name_or_path: 'sieve/tiny-clip',
    projection_dim: s.dim,
    text_config: {
      model_type: 'clip_text_model',
      vocab_size: s.vocabSize,
      hidden_size: s.textHidden,
      max_position_embeddings: s.maxTokens,
      projection_dim: s.dim,
      bos_token_id: startId,
      eos_token_id: startId + 1,
      pad_token_id: startId + 1,
    },
    vision_config: {
      model_type: 'clip_vision_model',
      image_size: s.imageSize,
      patch_size: s.poolSize,
      hidden_size: s.visionHidden,
      num_channels: 3,
      projection_dim: s.dim,
    },
  };
}

// Same pipeline shape as OpenAI CLIP's tokenizer (lower-case, byte-level, <start> … <end>), with a byte-only vocabulary.
function tokenizerJson(vocab: Record<string, number>, startId: number) {
  const special = (content: string, id: number) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const token = (id: string) => ({ SpecialToken: { id, type_id: 0 } });
  const sequence = (id: 'A' | 'B') => ({ Sequence: { id, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(START_TOKEN, startId), special(END_TOKEN, startId + 1)],
    normalizer: { type: 'Sequence', normalizers: [{ type: 'NFC' }, { type: 'Lowercase' }] },
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [token(START_TOKEN), sequence('A'), token(END_TOKEN)],
      pair: [token(START_TOKEN), sequence('A'), token(END_TOKEN), sequence('B'), token(END_TOKEN)],
      special_tokens: {
        [START_TOKEN]: { id: START_TOKEN, ids: [startId], tokens: [START_TOKEN] },
        [END_TOKEN]: { id: END_TOKEN, ids: [startId + 1], tokens: [END_TOKEN] },
      },
    },
    decoder: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      vocab: { ...vocab, [START_TOKEN]: startId, [END_TOKEN]: startId + 1 },
      merges: [],
    },
  };
}

function tokenizerConfig() {
  return {
    tokenizer_class: 'CLIPTokenizer',
    bos_token: START_TOKEN,
    eos_token: END_TOKEN,
    pad_token: END_TOKEN,
    unk_token: END_TOKEN,
    model_max_length: CLIP_MAX_TOKENS,
    do_lower_case: true,
    clean_up_tokenization_spaces: false,
  };
}

// Resize the short side then centre-crop, as CLIP does, only at 32 px instead of 224.
function preprocessorConfig() {
  return {
    image_processor_type: 'CLIPImageProcessor',
    feature_extractor_type: 'CLIPFeatureExtractor',
    do_convert_rgb: true,
    do_resize: true,
    size: { shortest_edge: IMAGE_SIZE },
    resample: 3,
    do_center_crop: true,
    crop_size: { height: IMAGE_SIZE, width: IMAGE_SIZE },
    do_rescale: true,
    rescale_factor: 1 / 255,
    do_normalize: true,
    image_mean: CLIP_MEAN,
    image_std: CLIP_STD,
  };
}

// GPT-2's byte→printable-character table: every byte gets a token, so no text is ever unknown.
function byteLevelVocab(): Record<string, number> {
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  const vocab: Record<string, number> = {};
  let shifted = 0;
  for (let b = 0; b < 256; b++) vocab[String.fromCharCode(printable(b) ? b : 256 + shifted++)] = b;
  return vocab;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
