'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { FLAG_REASONS } from '@/lib/flags/reasons';
import type { BlockListSummary } from '@/lib/takedowns/schemas';
import { ErrorNotice } from '../notice';
import { fetchApi } from '../queries/fetch-api';
import { useCan, useMe } from '../queries/use-me';
import { useToast } from '../toast';

const CELL = 'px-3 py-2 text-left';
const INPUT = 'block rounded border border-neutral-300 px-2 py-1 dark:border-neutral-700 dark:bg-neutral-900';

/**
 * /takedowns/blocklists: standing lists matched against everything now and every later ingest; re-import to update.
 * A list's reason and authority never change; who may replace or delete which list is the server's rule (buttons
 * only show where it would allow).
 */
export function BlockListsView() {
  const client = useQueryClient();
  const toast = useToast();
  const admin = useCan('admin');
  const me = useMe().data?.user;
  const lists = useQuery({ queryKey: ['takedowns', 'blocklists'], queryFn: ({ signal }) => fetchApi<{ blockLists: BlockListSummary[] }>('/api/blocklists', signal), select: (d) => d.blockLists });
  const done = () => void client.invalidateQueries({ queryKey: ['takedowns'] });
  const upload = useMutation({
    mutationFn: (body: FormData) => fetchApi<{ entries: number; added: number; removed: number; flagged: number }>('/api/blocklists', undefined, body),
    onSuccess: (r) => {
      toast({ message: `${r.entries} entries (${r.added} added, ${r.removed} removed); ${r.flagged} pairs flagged.` });
      done();
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => fetchApi<{ deleted: { name: string } }>(`/api/blocklists/${id}`, undefined, undefined, 'DELETE'),
    onSuccess: (r) => {
      toast({ message: `Block list ${r.deleted.name} deleted; the flags it raised stay.` });
      done();
    },
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get('file') as File;
    const authority = String(form.get('authority') ?? '').trim();
    const body = new FormData();
    body.append('request', JSON.stringify({ name: form.get('name'), reason: form.get('reason'), ...(authority ? { authority } : {}), fileName: file.name, keepGoing: form.get('keepGoing') === 'on' }));
    body.append('file', file);
    upload.mutate(body);
  };
  const mayChange = (l: BlockListSummary) => admin || (l.createdBy === me?.id && l.reason !== 'csam_suspected' && !l.authority);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight">Block lists</h1>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2 rounded-lg border border-neutral-200 bg-white p-3 text-sm dark:border-neutral-800 dark:bg-neutral-900">
        <label>Name<input name="name" required pattern="[A-Za-z0-9][\w.\-]{0,99}" className={INPUT} /></label>
        <label>Reason<select name="reason" defaultValue="copyright_optout" className={INPUT}>{FLAG_REASONS.filter((r) => admin || r !== 'csam_suspected').map((r) => <option key={r}>{r}</option>)}</select></label>
        {admin && <label>Authority (a hotline: its flags start confirmed)<input name="authority" maxLength={100} placeholder="e.g. IWF" className={INPUT} /></label>}
        <label>File (one URL, domain or hash per line; or CSV/Parquet with such a column)<input name="file" type="file" required className="block" /></label>
        <label className="flex items-center gap-1"><input type="checkbox" name="keepGoing" /> skip bad lines</label>
        <button type="submit" disabled={upload.isPending} className="rounded-md bg-neutral-900 px-3 py-1.5 font-medium text-white dark:bg-neutral-100 dark:text-neutral-900">Import</button>
        {upload.error && <p role="alert" className="basis-full break-words text-red-700">{upload.error.message}</p>}
        {remove.error && <p role="alert" className="basis-full break-words text-red-700">{remove.error.message}</p>}
      </form>
      {lists.isError ? <ErrorNotice error={lists.error} /> : (
        <table className="w-full text-sm" data-testid="block-lists">
          <thead className="text-xs uppercase tracking-wide text-neutral-500"><tr><th className={CELL}>Name</th><th className={CELL}>Reason</th><th className={CELL}>Authority</th><th className={CELL}>Entries</th><th className={CELL}>Pairs hit</th><th className={CELL}>Source</th><th className={CELL}>Updated</th><th className={CELL} /></tr></thead>
          <tbody>{lists.data?.map((l) => (
            <tr key={l.id} className="border-t border-neutral-100 dark:border-neutral-800">
              <td className={CELL}>{l.name}</td><td className={CELL}>{l.reason}</td><td className={CELL}>{l.authority ?? ''}</td><td className={CELL}>{l.entries}</td><td className={CELL}>{l.hits}</td>
              <td className={`${CELL} break-all`}>{l.source}</td><td className={CELL}>{l.updatedAt.slice(0, 10)}</td>
              <td className={`${CELL} text-right`}>
                {mayChange(l) && <button type="button" disabled={remove.isPending} onClick={() => window.confirm(`Delete block list ${l.name}? The flags it raised stay.`) && remove.mutate(l.id)} className="rounded border border-neutral-300 px-2 py-1 text-xs dark:border-neutral-700">Delete</button>}
              </td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </div>
  );
}
