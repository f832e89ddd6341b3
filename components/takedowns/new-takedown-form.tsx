'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { TAKEDOWN_KINDS, type CreateTakedownInput } from '@/lib/takedowns/schemas';
import { fetchApi } from '../queries/fetch-api';

const INPUT = 'w-full rounded-md border border-neutral-300 bg-white px-2 py-1.5 text-sm dark:border-neutral-700 dark:bg-neutral-900';
const ITEM_FIELDS = [['url', 'Exact URLs'], ['url_prefix', 'URL prefixes'], ['domain', 'Domains (with subdomains)'], ['hash', 'LAION hashes'], ['key', 'Sample ids / keys'], ['caption', 'Caption text (e.g. a name)']] as const;

/** A new request: who asks, what kind, and its items, one per line (images uploaded or by URL). */
export function NewTakedownForm() {
  const router = useRouter();
  const client = useQueryClient();
  const create = useMutation({ mutationFn: (body: FormData) => fetchApi<{ takedown: { id: number } }>('/api/takedowns', undefined, body) });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const lines = (k: string) => String(form.get(k) ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    const items: CreateTakedownInput['items'] = ITEM_FIELDS.flatMap(([kind]) => lines(kind).map((value) => ({ kind, value }) as CreateTakedownInput['items'][number]));
    const images = (form.getAll('images') as File[]).filter((f) => f.size > 0).slice(0, 5);
    const body = new FormData();
    images.forEach((f, i) => {
      items.push({ kind: 'image', upload: `image${i}` });
      body.append(`image${i}`, f);
    });
    for (const url of lines('imageUrl')) items.push({ kind: 'image', imageUrl: url });
    const request: CreateTakedownInput = {
      kind: String(form.get('kind')) as CreateTakedownInput['kind'], requester: String(form.get('requester')), contact: String(form.get('contact') ?? '') || undefined,
      statement: String(form.get('statement') ?? '') || undefined, items,
    };
    body.append('request', JSON.stringify(request));
    create.mutate(body, { onSuccess: (r) => { void client.invalidateQueries({ queryKey: ['takedowns'] }); router.push(`/takedowns/${r.takedown.id}`); } });
  };
  return (
    <form onSubmit={submit} data-testid="new-takedown" className="grid gap-3 rounded-lg border border-neutral-200 bg-white p-4 sm:grid-cols-2 dark:border-neutral-800 dark:bg-neutral-900">
      <h2 className="text-base font-semibold sm:col-span-2">New request</h2>
      <label className="text-sm">Kind<select name="kind" className={INPUT}>{TAKEDOWN_KINDS.map((k) => <option key={k}>{k}</option>)}</select></label>
      <label className="text-sm">Requester<input name="requester" required maxLength={300} className={INPUT} /></label>
      <label className="text-sm">Contact<input name="contact" maxLength={300} className={INPUT} /></label>
      <label className="text-sm sm:col-span-2">Statement<textarea name="statement" rows={2} maxLength={20000} className={INPUT} /></label>
      {ITEM_FIELDS.map(([k, label]) => (
        <label key={k} className="text-sm">{label}, one per line<textarea name={k} data-testid={`takedown-${k}`} rows={2} className={INPUT} /></label>
      ))}
      <label className="text-sm">Images (up to 5)<input name="images" type="file" accept="image/*" multiple className="block text-sm" /></label>
      <label className="text-sm">Image URLs, one per line<textarea name="imageUrl" rows={2} className={INPUT} /></label>
      {create.error && <p role="alert" className="text-sm text-red-700 sm:col-span-2">{create.error.message}</p>}
      <div className="sm:col-span-2"><button type="submit" disabled={create.isPending} className="rounded-md bg-neutral-900 px-3 py-1.5 text-sm font-medium text-white dark:bg-neutral-100 dark:text-neutral-900">Record request</button></div>
    </form>
  );
}
