'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { FLAG_REASONS } from '@/lib/flags/reasons';
import { ErrorNotice } from '../notice';
import { fetchApi } from '../queries/fetch-api';
import { useToast } from '../toast';

interface BlockList { id: number; name: string; reason: string; source: string | null; createdBy: string | null; updatedAt: string; entries: number; hits: number }
const CELL = 'px-3 py-2 text-left';

/** /takedowns/blocklists: standing lists matched against everything now and every later ingest; re-import to update. */
export function BlockListsView() {
  const client = useQueryClient();
  const toast = useToast();
  const lists = useQuery({ queryKey: ['takedowns', 'blocklists'], queryFn: ({ signal }) => fetchApi<{ blockLists: BlockList[] }>('/api/blocklists', signal), select: (d) => d.blockLists });
  const upload = useMutation({
    mutationFn: (body: FormData) => fetchApi<{ entries: number; added: number; removed: number; flagged: number }>('/api/blocklists', undefined, body),
    onSuccess: (r) => {
      toast({ message: `${r.entries} entries (${r.added} added, ${r.removed} removed); ${r.flagged} pairs flagged.` });
      void client.invalidateQueries({ queryKey: ['takedowns'] });
    },
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get('file') as File;
    const body = new FormData();
    body.append('request', JSON.stringify({ name: form.get('name'), reason: form.get('reason'), fileName: file.name, keepGoing: form.get('keepGoing') === 'on' }));
    body.append('file', file);
    upload.mutate(body);
  };
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight">Block lists</h1>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2 rounded-lg border border-neutral-200 bg-white p-3 text-sm dark:border-neutral-800 dark:bg-neutral-900">
        <label>Name<input name="name" required pattern="[\w.-]{1,100}" className="block rounded border border-neutral-300 px-2 py-1 dark:border-neutral-700 dark:bg-neutral-900" /></label>
        <label>Reason<select name="reason" defaultValue="copyright_optout" className="block rounded border border-neutral-300 px-2 py-1 dark:border-neutral-700 dark:bg-neutral-900">{FLAG_REASONS.map((r) => <option key={r}>{r}</option>)}</select></label>
        <label>File (one URL, domain or hash per line; or CSV/Parquet with such a column)<input name="file" type="file" required className="block" /></label>
        <label className="flex items-center gap-1"><input type="checkbox" name="keepGoing" /> skip bad lines</label>
        <button type="submit" disabled={upload.isPending} className="rounded-md bg-neutral-900 px-3 py-1.5 font-medium text-white dark:bg-neutral-100 dark:text-neutral-900">Import</button>
        {upload.error && <p role="alert" className="basis-full break-words text-red-700">{upload.error.message}</p>}
      </form>
      {lists.isError ? <ErrorNotice error={lists.error} /> : (
        <table className="w-full text-sm" data-testid="block-lists">
          <thead className="text-xs uppercase tracking-wide text-neutral-500"><tr><th className={CELL}>Name</th><th className={CELL}>Reason</th><th className={CELL}>Entries</th><th className={CELL}>Pairs hit</th><th className={CELL}>Source</th><th className={CELL}>Updated</th></tr></thead>
          <tbody>{lists.data?.map((l) => (
            <tr key={l.id} className="border-t border-neutral-100 dark:border-neutral-800"><td className={CELL}>{l.name}</td><td className={CELL}>{l.reason}</td><td className={CELL}>{l.entries}</td><td className={CELL}>{l.hits}</td><td className={`${CELL} break-all`}>{l.source}</td><td className={CELL}>{l.updatedAt.slice(0, 10)}</td></tr>
          ))}</tbody>
        </table>
      )}
    </div>
  );
}
