// Every API route declares who may call it, through the route wrapper; a change can never be left open to anyone.
import { describe, expect, it } from 'vitest';
import { findRoutes, MUTATING } from './__fixtures__/find-routes';

// better-auth's own endpoints: it checks their origins and rate-limits them itself (lib/auth/get-auth.ts).
const OWN_AUTH = '/api/auth/[...all]';

describe('API routes', async () => {
  const routes = (await findRoutes()).filter((r) => r.path !== OWN_AUTH);

  it('are found', () => {
    expect(routes.length).toBeGreaterThan(10);
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s declares its access through apiRoute', (_, r) => {
    expect(r.handler.access, 'wrap the handler in apiRoute({ auth: … })').toBeDefined();
    expect(['public', 'viewer', 'curator', 'reviewer', 'admin']).toContain(r.handler.access.role);
  });

  it.each(routes.filter((r) => MUTATING.has(r.method) && !r.handler.access?.reads).map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s changes data, so it needs a signed-in role (or says why anyone may)',
    (_, r) => {
      if (r.handler.access.openToAnyone) expect(r.handler.access.openToAnyone.length).toBeGreaterThan(10);
      else expect(r.handler.access.role).not.toBe('public');
    },
  );
});
