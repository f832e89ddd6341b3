'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateTokenInput, TokenSummary } from '@/lib/auth/schemas';
import { fetchApi } from './fetch-api';

export function useTokens() {
  return useQuery({ queryKey: ['tokens'], queryFn: ({ signal }) => fetchApi<{ tokens: TokenSummary[] }>('/api/tokens', signal), select: (d) => d.tokens });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTokenInput) => fetchApi<{ token: TokenSummary; secret: string }>('/api/tokens', undefined, { ...input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => fetchApi<{ token: TokenSummary }>(`/api/tokens/${id}`, undefined, undefined, 'DELETE'),
    onSettled: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}
