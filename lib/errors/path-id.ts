// A row id in a URL path (`/api/flags/12`), for every concept's params schema. Digits only: z.coerce.number() also
// took `0x10`, `1e3` and ` 7`, and `DELETE /api/tokens/0b11` revoked token 3. Client-safe: zod alone.
import { z } from 'zod';

export const PathId = z.string().regex(/^[1-9][0-9]{0,14}$/, 'must be a positive whole number').transform(Number);
