// PostgreSQL's binary COPY format, written row by row into one growing buffer per batch: COPY FROM STDIN (FORMAT
// binary) takes it without parsing text, and pgvector's halfvec takes its raw float16 bits.
import { encodeFloat16 } from './encode-float16';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** The file header (signature, flags, no extension area); once, before the first row. */
export const COPY_HEADER = Buffer.concat([SIGNATURE, Buffer.alloc(8)]);
/** The file trailer; once, after the last row. */
export const COPY_TRAILER = Buffer.from([0xff, 0xff]);

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let halves = new Uint16Array(1024);

export class BinaryCopyBuffer {
  private buf: Buffer;
  private at = 0;

  constructor(initial = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  row(fields: number): this {
    this.room(2);
    this.buf.writeInt16BE(fields, this.at);
    this.at += 2;
    return this;
  }

  private nullField(): this {
    this.room(4);
    this.buf.writeInt32BE(-1, this.at);
    this.at += 4;
    return this;
  }

  int4(v: number | null): this {
    if (v === null) return this.nullField();
    this.room(8);
    this.buf.writeInt32BE(4, this.at);
    this.buf.writeInt32BE(v, this.at + 4);
    this.at += 8;
    return this;
  }

  float4(v: number | null): this {
    if (v === null) return this.nullField();
    this.room(8);
    this.buf.writeInt32BE(4, this.at);
    this.buf.writeFloatBE(v, this.at + 4);
    this.at += 8;
    return this;
  }

  text(v: string | null): this {
    if (v === null) return this.nullField();
    const n = Buffer.byteLength(v, 'utf8');
    this.room(4 + n);
    this.buf.writeInt32BE(n, this.at);
    this.buf.write(v, this.at + 4, 'utf8');
    this.at += 4 + n;
    return this;
  }

  /** jsonb's binary form: a version byte (1), then the JSON text. */
  jsonb(v: string | null): this {
    if (v === null) return this.nullField();
    const n = Buffer.byteLength(v, 'utf8');
    this.room(5 + n);
    this.buf.writeInt32BE(n + 1, this.at);
    this.buf.writeUInt8(1, this.at + 4);
    this.buf.write(v, this.at + 5, 'utf8');
    this.at += 5 + n;
    return this;
  }

  /** pgvector's halfvec receive format: int16 dimension, int16 unused, then each half as big-endian bits. */
  halfvec(v: ArrayLike<number> | null): this {
    if (v === null) return this.nullField();
    const n = 4 + v.length * 2;
    this.room(4 + n);
    this.buf.writeInt32BE(n, this.at);
    this.buf.writeInt16BE(v.length, this.at + 4);
    this.buf.writeInt16BE(0, this.at + 6);
    // The halves go into a native-endian scratch array, then one copy and one byte swap make them big-endian:
    // a writeUInt16BE per value (its checks included) cost a fifth of the ingest process's CPU.
    if (halves.length < v.length) halves = new Uint16Array(v.length);
    for (let i = 0; i < v.length; i++) halves[i] = encodeFloat16(v[i]);
    const at = this.at + 8;
    Buffer.from(halves.buffer, 0, v.length * 2).copy(this.buf, at);
    if (LITTLE_ENDIAN) this.buf.subarray(at, at + v.length * 2).swap16();
    this.at += 4 + n;
    return this;
  }

  /** The bytes written so far, as a copy that stays valid while this buffer is reused. */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.at));
    this.at = 0;
    return out;
  }
}
