// Loads a CLIP tower once per process through Transformers.js; concurrent callers share the one in-flight load.
import type { AutoImageProcessor, AutoTokenizer, CLIPTextModelWithProjection, CLIPVisionModelWithProjection } from '@huggingface/transformers';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { clipStateFor } from './clip-state';
import { resolveClipSource, type ClipSourceConfig } from './resolve-clip-source';
import type { ClipTower } from './schemas';

export interface ClipTextTower {
  tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  model: CLIPTextModelWithProjection;
}

export interface ClipVisionTower {
  processor: Awaited<ReturnType<typeof AutoImageProcessor.from_pretrained>>;
  model: CLIPVisionModelWithProjection;
}

type ClipTowerOf<T extends ClipTower> = T extends 'text' ? ClipTextTower : ClipVisionTower;

/** How long a failed load is answered from memory before the next call tries again. */
const RETRY_AFTER_MS = 30_000;
/** Time allowed for the hub to answer (headers only), so a closed network fails in seconds, not minutes. */
const HUB_CONNECT_TIMEOUT_MS = 15_000;

/**
 * The text or vision tower of the configured CLIP model (see resolveClipSource). Loaded on first use only, so a
 * search server that only embeds queries never holds the vision weights. Throws AppError('unavailable') with how to
 * enable encoding; never falls back to anything else.
 */
export async function loadClip<T extends ClipTower>(tower: T): Promise<ClipTowerOf<T>> {
  const source = resolveClipSource();
  const state = clipStateFor(source.key);
  const pending = state.loads.get(tower);
  if (pending) return pending as Promise<ClipTowerOf<T>>;

  const failure = state.failures.get(tower);
  if (failure && Date.now() - failure.at < RETRY_AFTER_MS) throw failure.error;

  const load = loadTower(tower, source).then(
    (loaded) => {
      state.failures.delete(tower);
      state.loaded.add(tower);
      state.dim = (loaded.model.config as { projection_dim?: number }).projection_dim ?? state.dim;
      return loaded;
    },
    (cause: unknown) => {
      state.loads.delete(tower);
      const error = toUnavailable(cause, tower, source);
      state.failures.set(tower, { error, at: Date.now() });
      throw error;
    },
  );
  state.loads.set(tower, load);
  return load as Promise<ClipTowerOf<T>>;
}

// Transformers.js and onnxruntime weigh ~170 MB of memory: loaded with the first tower, not by every process that
// merely imports search (the CLI, exports, the server before its first text query).
const transformers = () => import('@huggingface/transformers');

async function loadTower(tower: ClipTower, source: ClipSourceConfig): Promise<ClipTextTower | ClipVisionTower> {
  // Checked here, before Transformers.js looks: it memoises "file does not exist" for the life of the process,
  // which would keep failing a retry after the weights have been put in place.
  if (source.source !== 'hub' && source.missingFiles.length > 0) throw new Error('model files missing');
  const { AutoImageProcessor, AutoTokenizer, CLIPTextModelWithProjection, CLIPVisionModelWithProjection, env } = await transformers();
  configureTransformers(env, source);
  // A complete folder is read from disk only: no hub request at all, not even for optional files.
  const common = { local_files_only: source.source !== 'hub', cache_dir: source.cacheDir };
  const modelOptions = { ...common, dtype: source.dtype, device: 'cpu' as const };
  if (tower === 'text') {
    const [tokenizer, model] = await Promise.all([
      AutoTokenizer.from_pretrained(source.model, common),
      CLIPTextModelWithProjection.from_pretrained(source.model, modelOptions),
    ]);
    return { tokenizer, model };
  }
  const [processor, model] = await Promise.all([
    AutoImageProcessor.from_pretrained(source.model, common),
    CLIPVisionModelWithProjection.from_pretrained(source.model, modelOptions),
  ]);
  return { processor, model };
}

// Transformers.js settings are process-global; they are set before each load from the same resolved source.
function configureTransformers(env: Awaited<ReturnType<typeof transformers>>['env'], source: ClipSourceConfig): void {
  env.allowLocalModels = true;
  env.allowRemoteModels = source.source === 'hub';
  env.localModelPath = source.cacheDir;
  env.cacheDir = source.cacheDir;
  env.useFSCache = true;
  env.fetch = fetchWithConnectTimeout;
}

function fetchWithConnectTimeout(input: string | URL, init?: RequestInit): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`no answer from ${String(input)} within ${HUB_CONNECT_TIMEOUT_MS / 1000} s`)),
    HUB_CONNECT_TIMEOUT_MS,
  );
  // The timer only covers the wait for headers; a slow but live download of the weights runs to completion.
  return globalThis.fetch(input, { ...init, signal: controller.signal }).finally(() => clearTimeout(timer));
}

function toUnavailable(cause: unknown, tower: ClipTower, source: ClipSourceConfig): AppError {
  if (isAppError(cause)) return cause;
  const detail = cause instanceof Error ? cause.message : String(cause);
  let why: string;
  if (source.missingFiles.length > 0 && source.source !== 'hub') {
    why = `model files missing in ${source.folder}: ${source.missingFiles.join(', ')}`;
  } else if (cause instanceof Error && cause.name === 'ModelFileNotFoundError') {
    why = `model files not found (${detail})`;
  } else if (source.source === 'hub') {
    why = `download from the Hugging Face hub failed (${detail})`;
  } else {
    why = `the model could not be read (${detail})`;
  }
  return new AppError('unavailable', `CLIP ${tower} encoder ${source.model} is unavailable: ${why}. ${source.howToEnable}`, {
    model: source.model,
    source: source.source,
    tower,
    reason: why,
    howToEnable: source.howToEnable,
  });
}
