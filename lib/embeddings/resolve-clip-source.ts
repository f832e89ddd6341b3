// Where the CLIP weights come from, decided from the environment: a local folder, the project cache, or the hub.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { dataHome } from '@/lib/db/config';
import { AppError } from '@/lib/errors/app-error';
import { ClipDtypeSchema, DEFAULT_CLIP_MODEL, type ClipDtype, type ClipSource } from './schemas';

export interface ClipSourceConfig {
  /** Hub model id, or the absolute path of a local folder (SIEVE_MODEL_DIR). */
  model: string;
  source: ClipSource;
  /** Folder that holds (or will hold, once downloaded) the model files. */
  folder: string;
  cacheDir: string;
  offline: boolean;
  dtype: ClipDtype;
  /** Files the folder still lacks; empty when everything needed is on disk. */
  missingFiles: string[];
  /** Identity of this configuration: a loaded model is reused only while it stays the same. */
  key: string;
  howToEnable: string;
}

const DTYPE_SUFFIX: Record<ClipDtype, string> = { fp32: '', fp16: '_fp16', q8: '_quantized' };
const TRUTHY = new Set(['1', 'true', 'yes', 'on']);

/**
 * Reads SIEVE_MODEL_DIR, SIEVE_MODEL, SIEVE_MODEL_CACHE, SIEVE_MODEL_DTYPE and SIEVE_OFFLINE (HF_HUB_OFFLINE and
 * TRANSFORMERS_OFFLINE count too). Looks at the disk but never at the network.
 */
export function resolveClipSource(environment: NodeJS.ProcessEnv = process.env): ClipSourceConfig {
  const localDir = environment.SIEVE_MODEL_DIR?.trim();
  // Runtime folders, not build inputs: the ignores keep Next's file tracer from sweeping in the whole project.
  const cacheDir = path.resolve(/* turbopackIgnore: true */ environment.SIEVE_MODEL_CACHE?.trim() || path.join(dataHome(environment), 'models'));
  const offline = ['SIEVE_OFFLINE', 'HF_HUB_OFFLINE', 'TRANSFORMERS_OFFLINE'].some((name) =>
    TRUTHY.has((environment[name] ?? '').trim().toLowerCase()),
  );
  const dtype = parseDtype(environment.SIEVE_MODEL_DTYPE);
  // An absolute path is never a valid hub id, so Transformers.js reads it from disk and never from the hub.
  const model = localDir ? path.resolve(/* turbopackIgnore: true */ localDir) : environment.SIEVE_MODEL?.trim() || DEFAULT_CLIP_MODEL;
  const folder = localDir ? model : path.join(/* turbopackIgnore: true */ cacheDir, model);
  const missingFiles = requiredFiles(dtype).filter((file) => {
    const at = path.join(/* turbopackIgnore: true */ folder, file);
    return !existsSync(/* turbopackIgnore: true */ at);
  });

  let source: ClipSource = 'local';
  if (!localDir) source = missingFiles.length === 0 || offline ? 'cache' : 'hub';

  return {
    model,
    source,
    folder,
    cacheDir,
    offline,
    dtype,
    missingFiles,
    key: JSON.stringify([model, cacheDir, offline, dtype]),
    howToEnable: howToEnable(source, model, folder, cacheDir, offline),
  };
}

function requiredFiles(dtype: ClipDtype): string[] {
  const suffix = DTYPE_SUFFIX[dtype];
  return [
    'config.json',
    'tokenizer.json',
    'tokenizer_config.json',
    'preprocessor_config.json',
    `onnx/text_model${suffix}.onnx`,
    `onnx/vision_model${suffix}.onnx`,
  ];
}

function parseDtype(raw: string | undefined): ClipDtype {
  if (!raw?.trim()) return 'fp32';
  const parsed = ClipDtypeSchema.safeParse(raw.trim());
  if (!parsed.success) {
    throw new AppError('bad_request', `SIEVE_MODEL_DTYPE must be one of ${ClipDtypeSchema.options.join(', ')}, got "${raw}"`);
  }
  return parsed.data;
}

function howToEnable(source: ClipSource, model: string, folder: string, cacheDir: string, offline: boolean): string {
  const exportShape = 'config.json, tokenizer.json, tokenizer_config.json, preprocessor_config.json and onnx/{text,vision}_model.onnx';
  if (source === 'local') {
    return `Make SIEVE_MODEL_DIR (${folder}) a Transformers.js CLIP export with ${exportShape}, e.g. a copy of ${DEFAULT_CLIP_MODEL}; or unset SIEVE_MODEL_DIR to use the Hugging Face hub.`;
  }
  if (offline) {
    return `SIEVE_OFFLINE is set, so nothing is downloaded: put ${model} (${exportShape}) under ${folder}, or run once with network access and SIEVE_OFFLINE unset, or point SIEVE_MODEL_DIR at a local copy.`;
  }
  return `Allow access to huggingface.co once so ${model} downloads into ${cacheDir} (about 600 MB), or point SIEVE_MODEL_DIR at a local copy.`;
}
