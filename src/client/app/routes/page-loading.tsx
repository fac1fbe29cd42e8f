/** Shown while the first route's data loads. */
export function PageLoading() {
  return (
    <div
      role="status"
      className="flex min-h-screen items-center justify-center gap-3 text-slate-600 dark:text-slate-400"
    >
      <span
        aria-hidden
        className="h-5 w-5 animate-spin rounded-full border-2 border-indigo-600 dark:border-indigo-400 border-r-transparent"
      />
      Loading Roster…
    </div>
  );
}
