import type { SemanticStatus } from '@/lib/search/schemas';

/** Semantic search is off for this dataset: say why, how to turn it on, and what answers text queries meanwhile. */
export function SemanticBanner({ status }: { status: SemanticStatus }) {
  return (
    <section
      data-testid="semantic-banner"
      role="status"
      className="space-y-1 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <h2 className="font-semibold">{status.embedding ? 'Search by meaning is being prepared' : 'Semantic search is off'}</h2>
      {status.reason && <p>{status.reason}</p>}
      {status.howToEnable && (
        <p>
          <span className="font-medium">To turn it on: </span>
          {status.howToEnable}
        </p>
      )}
      {status.embedding?.total ? (
        <progress data-testid="embedding-progress" className="h-1.5 w-full max-w-sm" max={status.embedding.total} value={status.embedding.done} />
      ) : null}
      <p>Meanwhile, text queries are answered by keyword search; “More like this” still ranks by the stored embeddings.</p>
    </section>
  );
}
