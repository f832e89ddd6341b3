'use client';
import { useQuery } from '@tanstack/react-query';
import type { Me } from '@/lib/auth/schemas';
import { roleAtLeast, type Role } from '@/lib/auth/roles';
import { fetchApi } from './fetch-api';

/** Who the browser is signed in as (null when anonymous), and whether reading is public. */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: ({ signal }) => fetchApi<Me>('/api/me', signal), staleTime: 60_000 });
}

/** Whether the signed-in user has at least `role` (false while loading): for showing controls, never for enforcing. */
export function useCan(role: Role): boolean {
  const me = useMe();
  return roleAtLeast(me.data?.user?.role, role);
}
