import { describe, expect, it } from 'vitest';
import { clipClientBody, clipFrontKnnBody } from './__fixtures__/clip-clients';
import { KnnRequest, MetadataRequest } from './schemas';

const issues = (raw: unknown) => {
  const r = KnnRequest.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('KnnRequest', () => {
  it("reads ClipClient's body: numbers for the aesthetics, num_result_ids = num_images, unknown keys ignored", () => {
    expect(KnnRequest.parse({ ...clipClientBody('laion5B', { text: ' a cat ' }), verbose: false })).toEqual({
      query: { text: 'a cat' },
      modality: 'image',
      numImages: 40,
      numResultIds: 40,
      indiceName: 'laion5B',
      useMclip: false,
      deduplicate: true,
      useSafetyModel: true,
      useViolenceDetector: true,
      aestheticScore: 9,
      aestheticWeight: 0.5,
    });
  });

  it("reads clip-front's: strings for the aesthetics, '' meaning off, 3,000 ids", () => {
    expect(KnnRequest.parse(clipFrontKnnBody(null, { imageUrl: 'https://x.example/a.jpg' }))).toMatchObject({
      query: { imageUrl: 'https://x.example/a.jpg' },
      numImages: 40,
      numResultIds: 3000,
      indiceName: undefined,
      aestheticScore: null,
      aestheticWeight: 0.5,
    });
    expect(KnnRequest.parse(clipFrontKnnBody('a', { text: 'x' }, { aestheticScore: '7' })).aestheticScore).toBe(7);
  });

  it('takes the first non-empty of text, image, image_url, embedding_input, and "image" or anything else as modality', () => {
    const q = (body: object) => KnnRequest.parse({ num_images: 1, ...body });
    expect(q({ text: '', image: 'aGk=', image_url: 'https://x', embedding_input: [1] }).query).toEqual({ imageBase64: 'aGk=' });
    expect(q({ text: '   ', image: '', image_url: 'https://x' }).query).toEqual({ imageUrl: 'https://x' });
    expect(q({ embedding_input: [0.5, 1] }).query).toEqual({ embedding: [0.5, 1] });
    expect(q({ embedding_input: [] }).query).toBeNull();
    expect(q({}).modality).toBe('image');
    expect(q({ modality: 'text' }).modality).toBe('text');
    expect(q({ modality: 'captions' }).modality).toBe('text');
    expect(q({ num_images: '5', deduplicate: 'true', use_mclip: null }).numImages).toBe(5);
  });

  it('says what is wrong, field by field', () => {
    expect(issues({})).toEqual(['num_images: required']);
    expect(issues({ num_images: 0 })).toEqual([expect.stringMatching(/^num_result_ids: ask for at least one result/)]);
    expect(issues({ num_images: 40, num_result_ids: 10_001 })).toEqual([expect.stringMatching(/^num_result_ids: /)]);
    expect(issues({ num_images: 4, aesthetic_score: '10' })).toEqual([expect.stringMatching(/^aesthetic_score: /)]);
    expect(issues({ num_images: 4, aesthetic_weight: 'half' })).toEqual([expect.stringMatching(/^aesthetic_weight: a number/)]);
    expect(issues({ num_images: 4, indice_name: '../etc' })).toEqual([expect.stringMatching(/^indice_name: /)]);
    expect(issues({ num_images: 4, embedding_input: [1, 'x'] })).toEqual([expect.stringMatching(/^embedding_input\.1: /)]);
  });
});

describe('MetadataRequest', () => {
  it('takes ids as numbers or digit strings, at most 10,000', () => {
    expect(MetadataRequest.parse({ ids: [3, '4'], indice_name: '' })).toEqual({ ids: [3, '4'], indiceName: undefined });
    expect(MetadataRequest.safeParse({ ids: Array.from({ length: 10_001 }, (_, i) => i) }).success).toBe(false);
    expect(MetadataRequest.safeParse({ ids: [-1] }).success).toBe(false);
  });
});
