import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLIPTextModelWithProjection, CLIPVisionModelWithProjection, env } from '@huggingface/transformers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetClipForTests } from './clip-state';
import { embedTexts } from './embed-texts';
import { generateTinyClip } from './__fixtures__/generate-tiny-clip';
import { getClipStatus } from './get-clip-status';
import { loadClip } from './load-clip';
import { DEFAULT_CLIP_MODEL } from './schemas';

const root = mkdtempSync(path.join(tmpdir(), 'sieve-load-clip-'));
let modelDir = '';
let cacheCount = 0;
const freshCache = () => path.join(root, `cache-${cacheCount++}`);

beforeAll(async () => {
  modelDir = await generateTinyClip(path.join(root, 'model'), { dim: 24 });
});
beforeEach(() => {
  resetClipForTests();
  vi.stubEnv('SIEVE_MODEL_DIR', '');
  vi.stubEnv('SIEVE_OFFLINE', '');
  vi.stubEnv('SIEVE_MODEL', '');
  vi.stubEnv('SIEVE_MODEL_CACHE', freshCache());
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  vi.unstubAllEnvs();
});
afterAll(() => {
  resetClipForTests();
  rmSync(root, { recursive: true, force: true });
});

describe('loadClip', () => {
  it('loads a local folder once, however many callers arrive during the first load', async () => {
    vi.stubEnv('SIEVE_MODEL_DIR', modelDir);
    const textLoads = vi.spyOn(CLIPTextModelWithProjection, 'from_pretrained');
    const visionLoads = vi.spyOn(CLIPVisionModelWithProjection, 'from_pretrained');

    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => embedTexts([`caption ${i}`])));
    await embedTexts(['and one more after the load']);

    expect(results.every(([v]) => v.length === 24)).toBe(true);
    expect(textLoads).toHaveBeenCalledTimes(1);
    expect(visionLoads).not.toHaveBeenCalled();
    expect(await loadClip('text')).toBe(await loadClip('text'));
  });

  it('reports a local model as available, with its dimension, before and after loading', async () => {
    vi.stubEnv('SIEVE_MODEL_DIR', modelDir);
    expect(getClipStatus()).toEqual({ available: true, model: modelDir, source: 'local', dim: 24 });
    await loadClip('vision');
    expect(getClipStatus()).toMatchObject({ available: true, source: 'local', dim: 24 });
  });

  it('says why when SIEVE_MODEL_DIR lacks the model files', async () => {
    const empty = path.join(root, 'empty-model');
    mkdirSync(empty, { recursive: true });
    vi.stubEnv('SIEVE_MODEL_DIR', empty);
    const status = getClipStatus();
    expect(status).toMatchObject({ available: false, source: 'local' });
    expect(status.reason).toContain('onnx/text_model.onnx');
    expect(status.howToEnable).toContain('SIEVE_MODEL_DIR');
    await expect(embedTexts(['a cat'])).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('offline with nothing cached: fails fast as unavailable, touches no network, and status says why', async () => {
    vi.stubEnv('SIEVE_OFFLINE', '1');
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const started = Date.now();

    const error = await embedTexts(['a cat']).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'unavailable' });
    expect((error as Error).message).toContain(DEFAULT_CLIP_MODEL);
    expect((error as Error).message).toContain('SIEVE_OFFLINE');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(env.allowRemoteModels).toBe(false);
    const status = getClipStatus();
    expect(status).toMatchObject({ available: false, model: DEFAULT_CLIP_MODEL, source: 'cache' });
    expect(status.reason).toMatch(/missing/);
    expect(status.howToEnable).toBeTruthy();
  });

  it('remembers a failure for a while, then retries and picks up weights that have appeared', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const cache = freshCache();
    vi.stubEnv('SIEVE_MODEL_CACHE', cache);
    vi.stubEnv('SIEVE_MODEL', 'sieve/tiny-clip');
    vi.stubEnv('SIEVE_OFFLINE', '1');
    const textLoads = vi.spyOn(CLIPTextModelWithProjection, 'from_pretrained');

    const first = await loadClip('text').catch((e: unknown) => e);
    expect(first).toMatchObject({ code: 'unavailable' });
    await generateTinyClip(path.join(cache, 'sieve/tiny-clip'), { dim: 24 });
    await expect(loadClip('text')).rejects.toBe(first);
    expect(textLoads).not.toHaveBeenCalled();

    vi.advanceTimersByTime(31_000);
    const { model } = await loadClip('text');
    expect(model).toBeInstanceOf(CLIPTextModelWithProjection);
    expect(textLoads).toHaveBeenCalledTimes(1);
    expect(getClipStatus()).toEqual({ available: true, model: 'sieve/tiny-clip', source: 'cache', dim: 24 });
  });

  it('with the hub unreachable, fails as unavailable and says the download failed', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('fetch failed'));
    const error = await embedTexts(['a cat']).catch((e: unknown) => e);
    expect(fetchSpy).toHaveBeenCalled();
    expect(error).toMatchObject({ code: 'unavailable', details: { source: 'hub' } });
    expect((error as Error).message).toContain('huggingface.co');
    expect(getClipStatus()).toMatchObject({ available: false, source: 'hub', reason: expect.stringContaining('hub') });
  });

  it('without SIEVE_MODEL_DIR or a cached copy, plans a hub download (and does not start one to answer status)', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    expect(getClipStatus()).toEqual({ available: true, model: DEFAULT_CLIP_MODEL, source: 'hub' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('refuses an unknown SIEVE_MODEL_DTYPE without throwing from getClipStatus', async () => {
    vi.stubEnv('SIEVE_MODEL_DTYPE', 'fp64');
    expect(getClipStatus()).toMatchObject({ available: false });
    await expect(loadClip('text')).rejects.toMatchObject({ code: 'bad_request' });
  });
});
