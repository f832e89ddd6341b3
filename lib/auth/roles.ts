// Sieve's roles, each including the ones before it; client-safe, read by the route wrapper, the UI, the CLI and the docs.
import { z } from 'zod';

export const ROLES = ['viewer', 'curator', 'reviewer', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** What each role adds to the one before it. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'browse, search and inspect pairs',
  curator: 'also flag pairs, handle takedowns, export subsets',
  reviewer: 'also decide flags and read the audit trail',
  admin: 'also manage users, datasets and settings',
};

const rank = (r: Role) => ROLES.indexOf(r);

/** Whether `role` includes everything `needed` may do. */
export const roleAtLeast = (role: Role | null | undefined, needed: Role): boolean => role != null && rank(role) >= rank(needed);

/** The lower of two roles: a token never carries more than its owner has now. */
export const lowerRole = (a: Role, b: Role): Role => (rank(a) <= rank(b) ? a : b);
