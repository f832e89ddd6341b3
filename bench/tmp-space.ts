import { clipLikeSpace } from './write-clip-like-folder';
const s = clipLikeSpace(512);
const vs = Array.from({ length: 3000 }, (_, i) => s.vector(i));
const dot = (a: Float32Array, b: Float32Array) => { let x = 0; for (let i = 0; i < a.length; i++) x += a[i] * b[i]; return x; };
let sum = 0, n = 0; for (let i = 0; i < 200; i++) for (let j = i + 1; j < 200; j++) { sum += dot(vs[i], vs[j]); n++; }
const nn = [] as number[]; for (let i = 0; i < 100; i++) { let best = -1; for (let j = 0; j < vs.length; j++) if (j !== i) best = Math.max(best, dot(vs[i], vs[j])); nn.push(best); }
nn.sort(); console.log('random pair cos', (sum / n).toFixed(3), 'NN median (3000 rows)', nn[50].toFixed(3));
