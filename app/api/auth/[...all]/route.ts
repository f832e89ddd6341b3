// better-auth's own endpoints (sign-in, sign-out, session): it checks their origins and rate-limits sign-in itself.
import { handleAuthRequest } from '@/lib/api/handle-auth-request';

export const GET = (request: Request) => handleAuthRequest(request);
export const POST = (request: Request) => handleAuthRequest(request);
