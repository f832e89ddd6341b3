// better-auth's own endpoints (sign-in, sign-out, session): it checks their origins and rate-limits sign-in itself.
import { getAuth } from '@/lib/auth/get-auth';

export const GET = (request: Request) => getAuth().handler(request);
export const POST = (request: Request) => getAuth().handler(request);
