// better-auth's configuration for Sieve: email + password, sessions in Postgres, sign-in rate limits; table and column
// names in Sieve's snake_case so that schema.prisma, the migrations and better-auth agree.
import type { BetterAuthOptions } from 'better-auth';
import type pg from 'pg';
import { MIN_PASSWORD_LENGTH } from './password-rules';
import { CLIENT_IP_HEADER } from './client-ip';

/** better-auth's own per-IP limit on sign-in attempts (documented in the README). */
export const SIGN_IN_RATE_LIMIT = { window: 60, max: 5 } as const;

/** How long a session lives without use, and how often its expiry is pushed back while used. */
const SESSION_SECONDS = 7 * 24 * 3600;
const SESSION_REFRESH_SECONDS = 24 * 3600;

const timestamps = { createdAt: 'created_at', updatedAt: 'updated_at' };

export function authOptions(pool: pg.Pool, secret: string, baseURL: BetterAuthOptions['baseURL'], trustedOrigins: string[]): BetterAuthOptions {
  return {
    appName: 'Sieve',
    database: pool,
    secret,
    baseURL,
    trustedOrigins,
    emailAndPassword: {
      enabled: true,
      // Accounts are made by admins (page or CLI), never by visitors.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 256,
    },
    session: {
      modelName: 'sessions',
      expiresIn: SESSION_SECONDS,
      updateAge: SESSION_REFRESH_SECONDS,
      fields: { ...timestamps, expiresAt: 'expires_at', ipAddress: 'ip_address', userAgent: 'user_agent', userId: 'user_id' },
    },
    user: {
      modelName: 'users',
      fields: { ...timestamps, emailVerified: 'email_verified' },
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'viewer', input: false },
        disabled: { type: 'boolean', required: false, defaultValue: false, input: false },
      },
    },
    account: {
      modelName: 'accounts',
      fields: {
        ...timestamps, accountId: 'account_id', providerId: 'provider_id', userId: 'user_id', accessToken: 'access_token',
        refreshToken: 'refresh_token', idToken: 'id_token', accessTokenExpiresAt: 'access_token_expires_at',
        refreshTokenExpiresAt: 'refresh_token_expires_at',
      },
    },
    verification: { modelName: 'verifications', fields: { ...timestamps, expiresAt: 'expires_at' } },
    rateLimit: {
      enabled: true,
      storage: 'database',
      modelName: 'rate_limits',
      fields: { lastRequest: 'last_request' },
      customRules: { '/sign-in/email': SIGN_IN_RATE_LIMIT },
    },
    // The address the server stamped from the socket (lib/auth/client-ip.ts); X-Forwarded-For only for route
    // handlers called in-process, which have no socket.
    advanced: { ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER, 'x-forwarded-for'] } },
    telemetry: { enabled: false },
    // Failed sign-ins go to the audit trail; better-auth's own warnings about them would only be noise in the log.
    logger: { level: 'error' },
  };
}
