/** The server's plain-language note on how a search was answered (e.g. a keyword fallback). */
export function SearchNotice({ children }: { children: string }) {
  return (
    <p
      data-testid="search-notice"
      role="status"
      className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:border-sky-900 dark:bg-sky-950/40 dark:text-sky-100"
    >
      {children}
    </p>
  );
}
