// Reads a request body under a size cap: JSON, or multipart/form-data with a JSON field and file fields.
import { AppError } from '../errors/app-error';
import { formatMegabytes } from '../images/format-megabytes';

/** A JSON body larger than this is refused before it is parsed (a 4096-d embedding is ~100 KB). */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;
// Room for multipart boundaries, headers and the JSON field beside the files.
const MULTIPART_OVERHEAD = 256 * 1024;

export interface MultipartSpec {
  /** Form field holding the JSON that a JSON request would send as its body. */
  json: string;
  /** File fields and the largest size each may have. */
  files: Record<string, number>;
}

export interface Body {
  json: unknown;
  files: Record<string, Uint8Array>;
}

/**
 * Anything but multipart is read as JSON whatever its Content-Type (text/plain, or none: clip-retrieval's clients
 * send either). `maxJsonBytes` raises the cap for a route whose JSON carries an image (base64).
 */
export async function readBody(request: Request, multipart?: MultipartSpec, maxJsonBytes = MAX_JSON_BYTES): Promise<Body> {
  const type = request.headers.get('content-type') ?? '';
  if (multipart && /^multipart\/form-data/i.test(type)) return readMultipart(request, type, multipart);
  const bytes = await readCapped(request, maxJsonBytes, `the JSON body is larger than ${formatMegabytes(maxJsonBytes)} MB`);
  return { json: parseJson(new TextDecoder().decode(bytes), 'The request body must be JSON.'), files: {} };
}

async function readMultipart(request: Request, type: string, spec: MultipartSpec): Promise<Body> {
  const cap = Object.values(spec.files).reduce((a, b) => a + b, 0) + MULTIPART_OVERHEAD;
  const bytes = await readCapped(request, cap, `the upload is larger than ${formatMegabytes(cap - MULTIPART_OVERHEAD)} MB`);
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new AppError('bad_request', 'The multipart body could not be read.');
  }
  const files: Record<string, Uint8Array> = {};
  for (const [field, max] of Object.entries(spec.files)) {
    const value = form.get(field);
    if (value === null) continue;
    if (typeof value === 'string') throw new AppError('bad_request', `${field}: expected a file`);
    if (value.size > max) throw new AppError('payload_too_large', `${field}: the file is larger than ${formatMegabytes(max)} MB`);
    files[field] = new Uint8Array(await value.arrayBuffer());
  }
  const raw = form.get(spec.json);
  if (raw !== null && typeof raw !== 'string') throw new AppError('bad_request', `${spec.json}: expected JSON text, not a file`);
  return { json: raw === null ? {} : parseJson(raw, `${spec.json}: must be JSON`), files };
}

/** Streams the body and stops at the cap, so a huge or endless upload never sits in memory whole. */
async function readCapped(request: Request, cap: number, message: string): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > cap) throw new AppError('payload_too_large', message);
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      throw new AppError('payload_too_large', message);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function parseJson(text: string, message: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', message);
  }
}
