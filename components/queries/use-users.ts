'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserInput, UpdateUserInput, UserSummary } from '@/lib/auth/schemas';
import { fetchApi } from './fetch-api';

export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: ({ signal }) => fetchApi<{ users: UserSummary[] }>('/api/users', signal), select: (d) => d.users });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => fetchApi<{ user: UserSummary; password?: string }>('/api/users', undefined, { ...input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: UpdateUserInput & { id: string }) => fetchApi<{ user: UserSummary }>(`/api/users/${encodeURIComponent(id)}`, undefined, change, 'PATCH'),
    onSettled: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}
