import { useEffect, useRef, useState, type Ref } from 'react';
import { Input } from '../../../components/ui/input.tsx';

const debounceMs = 300;

/**
 * A search box that commits to `onSearch` ~300 ms after the last keystroke.
 * The text being typed is local; when `value` changes from outside (Clear
 * filters, Back) the box follows, but its own commits never overwrite letters
 * typed since — even when they come back late and out of step (a navigation
 * waits for its loader, so "quin" may arrive after "quinc" was committed).
 */
export function MemberSearch({
  value,
  onSearch,
  inputRef,
}: {
  value: string;
  onSearch: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [committed, setCommitted] = useState(value);
  // Commits not yet seen back in `value`, oldest first.
  const [pending, setPending] = useState<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  if (value !== seen) {
    setSeen(value);
    const echo = pending.indexOf(value);
    if (echo >= 0) {
      // One of our own commits arriving: nothing to take over.
      setPending(pending.slice(echo + 1));
    } else if (value !== committed) {
      setDraft(value);
      setCommitted(value);
      setPending([]);
    }
  }

  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = (next: string) => {
    clearTimeout(timer.current);
    const trimmed = next.trim();
    if (trimmed === committed) return;
    setCommitted(trimmed);
    setPending((current) => [...current, trimmed]);
    onSearch(trimmed);
  };

  return (
    <div className="relative w-full sm:w-auto sm:max-w-sm sm:flex-1">
      <svg
        aria-hidden
        viewBox="0 0 20 20"
        fill="currentColor"
        className="pointer-events-none absolute top-1/2 left-2.5 h-4 w-4 -translate-y-1/2 text-slate-500 dark:text-slate-400"
      >
        <path
          fillRule="evenodd"
          d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.58 3.58a.75.75 0 1 1-1.06 1.06l-3.58-3.58A7 7 0 0 1 2 9Z"
          clipRule="evenodd"
        />
      </svg>
      <Input
        ref={inputRef}
        type="search"
        aria-label="Search members by name or email"
        placeholder="Search by name or email"
        autoComplete="off"
        spellCheck={false}
        className="pl-8"
        value={draft}
        onChange={(event) => {
          const next = event.target.value;
          setDraft(next);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(next), debounceMs);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(draft);
        }}
      />
    </div>
  );
}
