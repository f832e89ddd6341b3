// Turns grouped img2dataset samples (image + .txt + .json) into a Shard, whatever container (folder or tar) holds them.
import { badInput } from '../errors/bad-input';
import { checkBatchSize } from './check-batch-size';
import type { SampleParts } from './group-samples';
import { normaliseRow } from './normalise-row';
import type { PairRecord, Shard } from './types';

export interface SampleShardSpec {
  /** Shard path relative to root (sourceFile). */
  file: string;
  /** Absolute source root. */
  root: string;
  /** Samples in key order, as groupSamples returns them. */
  samples: SampleParts[];
  /** Bytes of one member, by the name groupSamples saw. */
  readMember(name: string): Promise<Buffer>;
  /** Absolute path the app can serve the sample's image from (extracting it first when needed). */
  placeImage(sample: SampleParts, row: number): Promise<string>;
  /** Releases what readMember / placeImage opened; called after the up-front scan and after each batches() run. */
  close?(): Promise<void>;
}

// Samples read at once: enough to overlap file I/O on libuv's 4 threads, few enough that
// a batch of large images never holds more than a handful in memory.
const SAMPLE_CONCURRENCY = 8;

/**
 * Drops samples img2dataset marked as failed (a JSON status other than "success" and no
 * image), which is why it reads those JSONs now: Shard.rows must be known before reading.
 */
export async function openSampleShard(spec: SampleShardSpec): Promise<Shard> {
  const { file, root } = spec;
  const kept: SampleParts[] = [];
  try {
    for (const sample of spec.samples) {
      if (sample.image === null && sample.json !== null) {
        const meta = parseJson(await spec.readMember(sample.json), file, sample, kept.length);
        if (meta.status !== undefined && meta.status !== null && meta.status !== 'success') continue;
      }
      kept.push(sample);
    }
  } finally {
    await spec.close?.();
  }

  async function toRecord(sample: SampleParts, row: number): Promise<PairRecord> {
    const raw: Record<string, unknown> = sample.json ? parseJson(await spec.readMember(sample.json), file, sample, row) : {};
    if (sample.txt !== null) {
      // The .txt is img2dataset's canonical caption; it replaces any caption the JSON repeats.
      setField(raw, 'caption', stripFinalNewline((await spec.readMember(sample.txt)).toString('utf8')));
    }
    if (sample.image !== null) setField(raw, 'image_path', await spec.placeImage(sample, row));
    if (!Object.keys(raw).some((k) => k.toLowerCase() === 'key')) raw.key = sample.key;
    return normaliseRow(raw, { file, row, root });
  }

  return {
    file,
    rows: kept.length,
    dim: null,
    async *batches(batchSize: number): AsyncGenerator<PairRecord[]> {
      checkBatchSize(batchSize);
      try {
        for (let start = 0; start < kept.length; start += batchSize) {
          const end = Math.min(start + batchSize, kept.length);
          const batch: PairRecord[] = [];
          for (let row = start; row < end; row += SAMPLE_CONCURRENCY) {
            const rows = Array.from({ length: Math.min(SAMPLE_CONCURRENCY, end - row) }, (_, i) => row + i);
            batch.push(...(await settleInOrder(rows.map((r) => toRecord(kept[r], r)))));
          }
          yield batch;
        }
      } finally {
        await spec.close?.();
      }
    },
  };
}

/**
 * Like Promise.all, but waits for every sample before throwing the first failure in row order: a
 * sibling still extracting its image must not outlive the error (and the shard's closed handle).
 */
async function settleInOrder<T>(work: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

function parseJson(bytes: Buffer, file: string, sample: SampleParts, row: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw badInput(file, `${sample.json} is not valid JSON (${e instanceof Error ? e.message : e})`, row);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badInput(file, `${sample.json} is not a JSON object`, row);
  }
  return value as Record<string, unknown>;
}

/** Sets `raw[name]`, first removing keys that differ only in case so resolveColumns can't pick a stale one. */
function setField(raw: Record<string, unknown>, name: string, value: unknown): void {
  for (const k of Object.keys(raw)) if (k.toLowerCase() === name) delete raw[k];
  raw[name] = value;
}

// Editors and `echo` add a final newline that is not part of the caption.
function stripFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}
