// Test support: a generated tiny CLIP model as this process's encoder (SIEVE_MODEL_DIR), the real loading path.
import { resetClipForTests } from '../../embeddings/clip-state';
import { generateTinyClip } from '../../embeddings/__fixtures__/generate-tiny-clip';

export async function useTinyClip(dir: string, dim = 32): Promise<string> {
  const folder = await generateTinyClip(dir, { dim });
  process.env.SIEVE_MODEL_DIR = folder;
  resetClipForTests();
  return folder;
}
