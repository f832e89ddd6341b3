'use client';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import type { FormEvent } from 'react';
import { fetchApi } from '../queries/fetch-api';

const INPUT = 'w-full rounded-md border border-neutral-300 bg-white px-3 py-2 text-sm dark:border-neutral-700 dark:bg-neutral-900';

/** /opt-out: anyone asks for their pictures to be taken out; no account, and nothing of other people is shown. */
export function OptOutForm() {
  const send = useMutation({ mutationFn: (body: FormData) => fetchApi<{ token: string; trackingPath: string }>('/api/opt-out', undefined, body) });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const lines = (k: string) => String(form.get(k) ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    const body = new FormData();
    body.append('request', JSON.stringify({ name: form.get('name'), contact: form.get('contact'), kind: form.get('kind'), urls: lines('urls'), domains: lines('domains'), statement: form.get('statement') }));
    const image = form.get('image') as File | null;
    if (image && image.size > 0) body.append('image', image);
    send.mutate(body);
  };
  if (send.data) {
    return (
      <section data-testid="opt-out-done" className="mx-auto max-w-xl space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-5 text-sm dark:border-emerald-900 dark:bg-emerald-950/40">
        <h1 className="text-lg font-semibold">We have your request</h1>
        <p>Keep this link: it shows where your request stands, and only yours.</p>
        <Link data-testid="opt-out-link" href={send.data.trackingPath} className="break-all text-sky-700 underline dark:text-sky-400">{send.data.trackingPath}</Link>
      </section>
    );
  }
  return (
    <form onSubmit={submit} data-testid="opt-out-form" className="mx-auto max-w-xl space-y-3 rounded-lg border border-neutral-200 bg-white p-5 dark:border-neutral-800 dark:bg-neutral-900">
      <h1 className="text-xl font-semibold">Ask for your pictures to be removed</h1>
      <p className="text-sm text-neutral-600 dark:text-neutral-400">Name the addresses of your pictures or your website, or add a picture of yours: we find them in the datasets and take them out of what is shared. You need no account.</p>
      <label className="block text-sm">Your name<input name="name" required maxLength={200} data-testid="opt-out-name" className={INPUT} /></label>
      <label className="block text-sm">How to reach you (email)<input name="contact" required maxLength={300} data-testid="opt-out-contact" className={INPUT} /></label>
      <label className="block text-sm">Why<select name="kind" className={INPUT}><option value="privacy">The pictures show me (privacy)</option><option value="copyright_optout">I hold the rights and opt out</option></select></label>
      <label className="block text-sm">Addresses (URLs) of your pictures, one per line<textarea name="urls" rows={3} data-testid="opt-out-urls" className={INPUT} /></label>
      <label className="block text-sm">Your websites (domains), one per line<textarea name="domains" rows={2} className={INPUT} /></label>
      <label className="block text-sm">A picture of yours (used only to find matches, never shown)<input name="image" type="file" accept="image/*" className="block" /></label>
      <label className="block text-sm">What you ask for<textarea name="statement" required minLength={10} maxLength={5000} rows={3} data-testid="opt-out-statement" className={INPUT} /></label>
      {send.error && <p role="alert" className="text-sm text-red-700">{send.error.message}</p>}
      <button type="submit" data-testid="opt-out-submit" disabled={send.isPending} className="rounded-md bg-neutral-900 px-4 py-2 text-sm font-medium text-white dark:bg-neutral-100 dark:text-neutral-900">Send request</button>
    </form>
  );
}
