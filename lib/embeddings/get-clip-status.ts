// Whether CLIP encoding can work right now and, if not, why and how to turn it on; never throws, never loads.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { clipStateFor } from './clip-state';
import { resolveClipSource, type ClipSourceConfig } from './resolve-clip-source';
import { DEFAULT_CLIP_MODEL, type ClipStatus } from './schemas';

/** Cheap enough for every page render: reads the in-process state and at most one small config file. */
export function getClipStatus(): ClipStatus {
  let source: ClipSourceConfig;
  try {
    source = resolveClipSource();
  } catch (error) {
    // Only a malformed setting (e.g. SIEVE_MODEL_DTYPE) gets here.
    const reason = error instanceof Error ? error.message : String(error);
    const localDir = process.env.SIEVE_MODEL_DIR;
    const model = localDir || process.env.SIEVE_MODEL || DEFAULT_CLIP_MODEL;
    return { available: false, model, source: localDir ? 'local' : 'hub', reason, howToEnable: reason };
  }

  const state = clipStateFor(source.key);
  const dim = state.dim ?? configuredDim(source);
  const base = { model: source.model, source: source.source, ...(dim === undefined ? {} : { dim }) };
  const failures = [...state.failures.values()];
  if (failures.length > 0) {
    const reason = failures.map((f) => String((f.error.details as { reason?: string } | undefined)?.reason ?? f.error.message)).join('; ');
    return { ...base, available: false, reason, howToEnable: source.howToEnable };
  }
  if (state.loaded.size > 0 || source.missingFiles.length === 0 || source.source === 'hub') {
    return { ...base, available: true };
  }
  const where = source.source === 'local' ? 'SIEVE_MODEL_DIR' : 'the model cache (SIEVE_OFFLINE is set)';
  const reason = `no usable CLIP model in ${where}: ${source.folder} lacks ${source.missingFiles.join(', ')}`;
  return { ...base, available: false, reason, howToEnable: source.howToEnable };
}

// The output dimension before any load, so a dataset's dimension can be checked against the encoder early.
function configuredDim(source: ClipSourceConfig): number | undefined {
  try {
    const config = JSON.parse(readFileSync(path.join(source.folder, 'config.json'), 'utf8')) as { projection_dim?: unknown };
    return typeof config.projection_dim === 'number' && config.projection_dim > 0 ? config.projection_dim : undefined;
  } catch {
    return undefined;
  }
}
