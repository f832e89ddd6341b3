// Whether the configured CLIP weights can be had now: on disk, or fetchable because the hub answers.
import { resolveClipSource } from './resolve-clip-source';

/** A closed network should cost the launcher seconds, not minutes. */
const HUB_PROBE_TIMEOUT_MS = 5_000;

export type ClipReachability = { ok: true; model: string; dim?: number } | { ok: false; model: string; reason: string; howToEnable: string };

export async function checkClipReachable(fetchImpl: typeof fetch = fetch): Promise<ClipReachability> {
  const source = resolveClipSource();
  if (source.missingFiles.length === 0) return { ok: true, model: source.model };
  if (source.source !== 'hub') {
    return { ok: false, model: source.model, reason: `${source.folder} lacks ${source.missingFiles.join(', ')}`, howToEnable: source.howToEnable };
  }
  try {
    const res = await fetchImpl(`https://huggingface.co/api/models/${source.model}`, { method: 'HEAD', signal: AbortSignal.timeout(HUB_PROBE_TIMEOUT_MS) });
    if (res.status < 500) return { ok: true, model: source.model };
    return { ok: false, model: source.model, reason: `the Hugging Face hub answered ${res.status}`, howToEnable: source.howToEnable };
  } catch (err) {
    const why = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    return { ok: false, model: source.model, reason: `the Hugging Face hub is not reachable from this machine (${why})`, howToEnable: source.howToEnable };
  }
}
