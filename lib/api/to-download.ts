// Streams text chunks to the browser as a file download (CSV or JSON lines), without holding them all in memory.
const TYPES = { csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8' } as const;

/** The first chunk is read before answering, so a bad filter is still a 4xx and not a broken 200. */
export async function toDownload(chunks: AsyncIterable<string>, format: keyof typeof TYPES, basename: string): Promise<Response> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  let first: IteratorResult<string> | null = await iterator.next();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = first ?? (await iterator.next());
      first = null;
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: { 'content-type': TYPES[format], 'content-disposition': `attachment; filename="${basename}.${format}"`, 'cache-control': 'no-store' },
  });
}
