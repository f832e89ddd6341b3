// Client-safe shapes of accounts: who is asking (Actor), users, tokens, and the inputs that change them.
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './password-rules';
import { Role } from './roles';
import { PathId } from '../errors/path-id';

export { Role };

/** Who a request or a CLI command acts as; `anonymous` only reads, and only where reading is public. */
export interface Actor {
  kind: 'user' | 'anonymous' | 'cli';
  /** The user's id; for the CLI `cli:<os user>`; null when anonymous. */
  id: string | null;
  email: string | null;
  name: string | null;
  role: Role | null;
  /** How the request proved who it is: its session cookie, a personal token, or nothing. */
  via: 'session' | 'token' | 'cli' | 'none';
  /** The request's client address, recorded with the events it causes. */
  ip: string | null;
}

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface TokenSummary {
  id: number;
  name: string;
  /** The first characters of the secret, to tell tokens apart. */
  prefix: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** GET /api/me: who the browser is, and whether anonymous visitors may read. */
export interface Me {
  user: { id: string; email: string; name: string; role: Role } | null;
  read: 'public' | 'signed-in';
}

export const Password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `the password must have at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, 'the password must have at most 256 characters');

export const Email = z.string().trim().toLowerCase().pipe(z.email('not an email address')).pipe(z.string().max(320));

export const CreateUserInput = z.object({
  email: Email,
  name: z.string().trim().min(1).max(200).optional(),
  role: Role.default('viewer'),
  /** Left out: Sieve makes a one-time password and returns it once. */
  password: Password.optional(),
});
export type CreateUserInput = z.input<typeof CreateUserInput>;

export const UpdateUserInput = z
  .object({ role: Role.optional(), disabled: z.boolean().optional(), password: Password.optional() })
  .refine((v) => v.role !== undefined || v.disabled !== undefined || v.password !== undefined, 'give role, disabled or password');
export type UpdateUserInput = z.input<typeof UpdateUserInput>;

export const UserIdParams = z.object({ id: z.string().min(1).max(100) });

/** A token's life when its maker names none, and the longest it may have. */
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

export const CreateTokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  /** At most the creator's role; their role by default. */
  role: Role.optional(),
  /** Days until it stops working: every token expires, at most a year on (a leaked one can't live for ever). */
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(DEFAULT_TOKEN_DAYS),
});
export type CreateTokenInput = z.input<typeof CreateTokenInput>;

export const TokenIdParams = z.object({ id: PathId });
