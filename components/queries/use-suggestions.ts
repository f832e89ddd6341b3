'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JobSummary } from '@/lib/jobs/schemas';
import type { ConceptRule, ConceptRuleInput } from '@/lib/signals/concept-rule-schemas';
import { fetchApi } from './fetch-api';

export function useConceptRules() {
  return useQuery({ queryKey: ['concept-rules'], queryFn: ({ signal }) => fetchApi<{ rules: ConceptRule[] }>('/api/concept-rules', signal), select: (d) => d.rules });
}

export function useSaveConceptRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ConceptRuleInput) => fetchApi<ConceptRule>('/api/concept-rules', undefined, { ...input }),
    onSettled: () => client.invalidateQueries({ queryKey: ['concept-rules'] }),
  });
}

export function useDeleteConceptRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => fetchApi<ConceptRule>(`/api/concept-rules/${id}`, undefined, undefined, 'DELETE'),
    onSettled: () => client.invalidateQueries({ queryKey: ['concept-rules'] }),
  });
}

export function useImportLaionConcepts() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => fetchApi<{ rules: ConceptRule[] }>('/api/concept-rules/import-laion', undefined, {}),
    onSettled: () => client.invalidateQueries({ queryKey: ['concept-rules'] }),
  });
}

/** Queues a scan of a dataset: `suggest` (scores and private data) or `concept-rules`. The job shows on /jobs. */
export function useQueueSuggestions(kind: 'suggest' | 'concept-rules') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (dataset: string) => fetchApi<{ job: JobSummary }>(`/api/datasets/${encodeURIComponent(dataset)}/${kind}`, undefined, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['jobs'] }),
  });
}
