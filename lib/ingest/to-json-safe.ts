// Turns a decoded parquet / JSON value into one JSON.stringify and Postgres jsonb accept unchanged.
import { storableText } from './storable-text';

/** bigint → decimal string, Date → ISO string, bytes → base64, non-finite numbers → null; recurses into arrays and objects. */
export function toJsonSafe(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return storableText(value);
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<unknown>, toJsonSafe);
  if (Array.isArray(value)) return value.map(toJsonSafe);
  // No prototype, so a `__proto__` key (JSON.parse makes it an own property) stays a key like any other.
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v !== undefined) out[storableText(k)] = toJsonSafe(v);
  }
  return out;
}
