// The two ONNX graphs of the tiny test CLIP: small real computations with seeded weights, built as protobufs in JS.
import { createRequire } from 'node:module';

// onnx-proto is CommonJS whose named exports Node's ESM loader cannot see, so it is required.
const { onnx } = createRequire(import.meta.url)('onnx-proto') as typeof import('onnx-proto');

const OPSET = 13;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

export interface TinyClipShape {
  /** Projection dimension of both towers' outputs. */
  dim: number;
  vocabSize: number;
  maxTokens: number;
  textHidden: number;
  imageSize: number;
  /** Side of the square average-pool window; imageSize must be a multiple. */
  poolSize: number;
  visionHidden: number;
  seed: number;
}

/** Serialises the text and vision towers of a tiny CLIP whose weights depend only on `shape`. */
export function buildTinyClipGraphs(shape: TinyClipShape): { text: Uint8Array; vision: Uint8Array } {
  const random = seededUniform(shape.seed);
  return { text: buildTextGraph(shape, random), vision: buildVisionGraph(shape, random) };
}

// Token + position embeddings → tanh → mean over unmasked tokens → projection. Positions make word order count.
function buildTextGraph(s: TinyClipShape, random: () => number): Uint8Array {
  const initializers = [
    floatTensor('token_embedding', [s.vocabSize, s.textHidden], random, 1),
    floatTensor('position_embedding', [s.maxTokens, s.textHidden], random, 0.5),
    floatTensor('text_projection', [s.textHidden, s.dim], random, Math.sqrt(3 / s.textHidden)),
    int64Tensor('zero', [0]),
    int64Tensor('one', [1]),
    int64Tensor('two', [2]),
    floatScalar('min_count', 1),
  ];
  const nodes = [
    node('Gather', ['token_embedding', 'input_ids'], ['tokens'], { axis: 0 }),
    node('Shape', ['input_ids'], ['ids_shape']),
    node('Slice', ['ids_shape', 'one', 'two', 'zero'], ['seq_len']),
    node('Slice', ['position_embedding', 'zero', 'seq_len', 'zero'], ['positions']),
    node('Add', ['tokens', 'positions'], ['embedded']),
    node('Tanh', ['embedded'], ['hidden']),
    node('Cast', ['attention_mask'], ['mask'], { to: FLOAT }),
    node('Unsqueeze', ['mask', 'two'], ['mask3']),
    node('Mul', ['hidden', 'mask3'], ['masked']),
    node('ReduceSum', ['masked', 'one'], ['token_sum'], { keepdims: 0 }),
    node('ReduceSum', ['mask', 'one'], ['token_count'], { keepdims: 1 }),
    node('Max', ['token_count', 'min_count'], ['safe_count']),
    node('Div', ['token_sum', 'safe_count'], ['pooled']),
    node('MatMul', ['pooled', 'text_projection'], ['text_embeds']),
  ];
  const inputs = [valueInfo('input_ids', INT64, ['batch', 'sequence']), valueInfo('attention_mask', INT64, ['batch', 'sequence'])];
  return encodeModel('tiny_clip_text', nodes, initializers, inputs, [valueInfo('text_embeds', FLOAT, ['batch', s.dim])]);
}

// Average-pool → flatten → tanh layer → projection: a smooth map, so similar pictures land close together.
function buildVisionGraph(s: TinyClipShape, random: () => number): Uint8Array {
  const cells = s.imageSize / s.poolSize;
  const features = 3 * cells * cells;
  const initializers = [
    floatTensor('vision_hidden', [features, s.visionHidden], random, Math.sqrt(3 / features)),
    floatTensor('visual_projection', [s.visionHidden, s.dim], random, Math.sqrt(3 / s.visionHidden)),
  ];
  const nodes = [
    node('AveragePool', ['pixel_values'], ['pooled'], { kernel_shape: [s.poolSize, s.poolSize], strides: [s.poolSize, s.poolSize] }),
    node('Flatten', ['pooled'], ['flat'], { axis: 1 }),
    node('MatMul', ['flat', 'vision_hidden'], ['pre_hidden']),
    node('Tanh', ['pre_hidden'], ['hidden']),
    node('MatMul', ['hidden', 'visual_projection'], ['image_embeds']),
  ];
  const inputs = [valueInfo('pixel_values', FLOAT, ['batch', 3, s.imageSize, s.imageSize])];
  return encodeModel('tiny_clip_vision', nodes, initializers, inputs, [valueInfo('image_embeds', FLOAT, ['batch', s.dim])]);
}

function encodeModel(
  name: string,
  nodes: import('onnx-proto').onnx.INodeProto[],
  initializer: import('onnx-proto').onnx.ITensorProto[],
  input: import('onnx-proto').onnx.IValueInfoProto[],
  output: import('onnx-proto').onnx.IValueInfoProto[],
): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'sieve-tiny-clip',
    opsetImport: [{ domain: '', version: OPSET }],
    graph: { name, node: nodes, initializer, input, output },
  });
  return onnx.ModelProto.encode(model).finish();
}

type AttributeValue = number | number[];

function node(opType: string, input: string[], output: string[], attributes: Record<string, AttributeValue> = {}) {
  const attribute = Object.entries(attributes).map(([name, value]) =>
    Array.isArray(value)
      ? { name, type: onnx.AttributeProto.AttributeType.INTS, ints: value }
      : { name, type: onnx.AttributeProto.AttributeType.INT, i: value },
  );
  return { opType, input, output, name: output[0], attribute };
}

function valueInfo(name: string, elemType: number, dims: (string | number)[]) {
  const dim = dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

function floatTensor(name: string, dims: number[], random: () => number, scale: number) {
  const values = new Float32Array(dims.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = (random() * 2 - 1) * scale;
  return { name, dims, dataType: FLOAT, rawData: new Uint8Array(values.buffer) };
}

function floatScalar(name: string, value: number) {
  return { name, dims: [], dataType: FLOAT, rawData: new Uint8Array(new Float32Array([value]).buffer) };
}

function int64Tensor(name: string, values: number[]) {
  return { name, dims: [values.length], dataType: INT64, rawData: new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer) };
}

// mulberry32: tiny, fast and reproducible across platforms, which is all test weights need.
function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
