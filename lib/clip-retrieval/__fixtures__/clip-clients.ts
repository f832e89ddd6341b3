// Test support: requests exactly as clip-retrieval's clients send them (v2.45 clip_client.py, front/src/clip-service.js).
export interface ClipQuery {
  text?: string | null;
  image?: string | null;
  imageUrl?: string | null;
  embeddingInput?: number[] | null;
}

/** ClipClient's constructor defaults. */
export const CLIP_CLIENT_DEFAULTS = {
  use_mclip: false,
  aesthetic_score: 9 as number | string | null,
  aesthetic_weight: 0.5 as number | string | null,
  modality: 'image',
  num_images: 40,
  deduplicate: true,
  use_safety_model: true,
  use_violence_detector: true,
};

/** All 14 keys, in ClipClient's order; unused query fields are null and num_result_ids is num_images. */
export function clipClientBody(indiceName: string | null, q: ClipQuery, options: Partial<typeof CLIP_CLIENT_DEFAULTS> = {}) {
  const o = { ...CLIP_CLIENT_DEFAULTS, ...options };
  return {
    text: q.text ?? null,
    image: q.image ?? null,
    image_url: q.imageUrl ?? null,
    embedding_input: q.embeddingInput ?? null,
    deduplicate: o.deduplicate,
    use_safety_model: o.use_safety_model,
    use_violence_detector: o.use_violence_detector,
    indice_name: indiceName,
    use_mclip: o.use_mclip,
    aesthetic_score: o.aesthetic_score,
    aesthetic_weight: o.aesthetic_weight,
    modality: o.modality,
    num_images: o.num_images,
    num_result_ids: o.num_images,
  };
}

/** `requests.post(url, data=json.dumps(body))`: bytes, no Content-Type, no Origin, no cookie, no Authorization. */
export function clipClientRequest(url: string, body: unknown): Request {
  return new Request(url, { method: 'POST', body: new TextEncoder().encode(JSON.stringify(body)) });
}

/** clip-front's search: its settings as strings where the page keeps them so (aesthetics), 40 shown of 3,000. */
export function clipFrontKnnBody(indiceName: string | null, q: ClipQuery, o: { aestheticScore?: string; useMclip?: boolean; modality?: string } = {}) {
  return {
    text: q.text ?? null,
    image: q.image ?? null,
    image_url: q.imageUrl ?? null,
    embedding_input: q.embeddingInput ?? null,
    modality: o.modality ?? 'image',
    num_images: 40,
    indice_name: indiceName,
    num_result_ids: 3000,
    use_mclip: o.useMclip ?? false,
    deduplicate: true,
    use_safety_model: true,
    use_violence_detector: true,
    aesthetic_score: o.aestheticScore ?? '',
    aesthetic_weight: '0.5',
  };
}

/** A browser's fetch(url, { method, body: JSON.stringify(…) }) from clip-front's page: a text/plain body, its Origin. */
export function clipFrontRequest(url: string, body: unknown, origin: string, method = 'POST'): Request {
  const headers = { origin, referer: `${origin}/` };
  return method === 'GET' ? new Request(url, { headers }) : new Request(url, { method, headers, body: JSON.stringify(body) });
}
