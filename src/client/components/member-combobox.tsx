import * as React from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Collaborator, CollaboratorPage } from '#contract/members.ts';
import { Label } from './ui/label.tsx';
import { cn } from '../lib/cn.ts';

const debounceMs = 250;

/**
 * Where matches come from: the feature's own query-key prefix (so its
 * invalidations reach the search) and the fetcher for one search text.
 */
export type MemberSearch = {
  key: readonly unknown[];
  fetch: (q: string) => Promise<{ results: MemberOption[]; metadata: CollaboratorPage['metadata'] }>;
};

/** A search result; `unavailable` says why it cannot be chosen (e.g. "Already has access"). */
export type MemberOption = Collaborator & { unavailable?: string | null };

export type MemberComboboxProps = {
  id: string;
  search: MemberSearch;
  label: string;
  /** Chosen members; the parent owns this (it is what the form will submit). */
  selected: Collaborator[];
  onChange: (selected: Collaborator[]) => void;
  /** One member (choosing replaces) or many (choosing toggles). */
  multiple?: boolean;
  /** Why a member cannot be chosen, or null when they can. */
  disabledReason?: (member: Collaborator) => string | null;
  hint?: string;
  autoFocus?: boolean;
  /**
   * `float` (default): results float over what follows. `reserved`: a fixed
   * box under the input holds the chosen members, and the results open over
   * it, so nothing below ever moves or gets covered (for a dialog whose submit
   * button sits right under the picker).
   */
  panel?: 'float' | 'reserved';
};

/**
 * A searchable member picker (WAI-ARIA combobox + listbox). It asks the server
 * for matches as you type, so it works the same with 5 members or 50,000.
 * Keyboard: type to search, ↓/↑ to move, Enter to choose, Escape to close the
 * list; chosen members appear as chips with their own remove buttons.
 */
export function MemberCombobox({
  id,
  search: searchOptions,
  label,
  selected,
  onChange,
  multiple = false,
  disabledReason,
  hint = 'Type a name or email. Use the arrow keys to move and Enter to choose.',
  autoFocus,
  panel = 'float',
}: MemberComboboxProps) {
  const [text, setText] = React.useState('');
  const [q, setQ] = React.useState('');
  const [open, setOpen] = React.useState(false);
  const [activeId, setActiveId] = React.useState<string | null>(null);
  const [announcement, setAnnouncement] = React.useState('');
  const timer = React.useRef<ReturnType<typeof setTimeout>>(undefined);
  const inputRef = React.useRef<HTMLInputElement>(null);
  React.useEffect(() => () => clearTimeout(timer.current), []);

  const search = useQuery({
    queryKey: [...searchOptions.key, 'member-search', q],
    queryFn: () => searchOptions.fetch(q),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled: open,
  });
  const options: MemberOption[] = open ? (search.data?.results ?? []) : [];
  // Results match what is typed (not a previous search shown while the next one loads).
  const settled = q === text.trim() && !search.isPlaceholderData && !search.isPending;
  const selectedIds = new Set(selected.map((member) => member.id));
  const reasonFor = (member: MemberOption) => member.unavailable ?? disabledReason?.(member) ?? null;
  const enabled = options.filter((member) => reasonFor(member) === null);
  // The highlighted option: the one the user moved to, or else the first they can choose.
  const active =
    options.find((member) => member.id === activeId && reasonFor(member) === null) ?? enabled[0] ?? null;

  const listId = `${id}-listbox`;
  const hintId = `${id}-hint`;
  const optionId = (member: Collaborator) => `${id}-option-${member.id}`;

  const toggle = (member: Collaborator) => {
    if (reasonFor(member) !== null) return;
    const isSelected = selectedIds.has(member.id);
    if (!multiple) {
      onChange([member]);
      setAnnouncement(`${member.name} chosen.`);
      setOpen(false);
      setText('');
      setQ('');
      return;
    }
    const next = isSelected ? selected.filter((m) => m.id !== member.id) : [...selected, member];
    onChange(next);
    setActiveId(member.id);
    setAnnouncement(
      `${member.name} ${isSelected ? 'removed' : 'added'}. ${next.length} ${next.length === 1 ? 'member' : 'members'} chosen.`,
    );
  };

  const remove = (member: Collaborator) => {
    const next = selected.filter((m) => m.id !== member.id);
    onChange(next);
    setAnnouncement(
      `${member.name} removed. ${next.length} ${next.length === 1 ? 'member' : 'members'} chosen.`,
    );
    inputRef.current?.focus();
  };

  const move = (step: 1 | -1) => {
    if (enabled.length === 0) return;
    const index = active ? enabled.findIndex((member) => member.id === active.id) : -1;
    const next = enabled[Math.min(Math.max(index + step, 0), enabled.length - 1)]!;
    setActiveId(next.id);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) setOpen(true);
        else move(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (open) move(-1);
        break;
      case 'Enter':
        if (open) {
          event.preventDefault();
          // Never choose from stale results: the highlighted row may be about to change.
          if (active && settled) toggle(active);
        }
        break;
      case 'Escape':
        // The surrounding dialog stays open (see keepDialogOpenOnComboboxEscape).
        if (open) setOpen(false);
        break;
      case 'Backspace':
        if (multiple && text === '' && selected.length > 0) remove(selected.at(-1)!);
        break;
    }
  };

  const total = search.data?.metadata.total ?? 0;
  let status: string;
  if (search.isError) status = search.error.message;
  else if (search.isPending) status = 'Searching…';
  else if (options.length === 0) status = q ? `No members match “${q}”.` : 'No members yet.';
  else if (total > options.length)
    status = `Showing ${options.length} of ${total.toLocaleString()} members. Keep typing to narrow the list.`;
  else status = `${total.toLocaleString()} ${total === 1 ? 'member' : 'members'}.`;

  const reserved = panel === 'reserved';
  const chosenList =
    selected.length > 0 ? (
      <ul aria-label={multiple ? 'Chosen members' : 'Chosen member'} className="flex flex-wrap gap-1.5">
        {selected.map((member) => (
          <li
            key={member.id}
            className="inline-flex max-w-full items-center gap-1 rounded-full bg-indigo-50 dark:bg-indigo-950/40 py-0.5 pr-1 pl-2.5 text-sm text-indigo-900 dark:text-indigo-200"
          >
            <span className="truncate">{member.name}</span>
            <button
              type="button"
              onClick={() => remove(member)}
              aria-label={`Remove ${member.name}`}
              className="flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-indigo-800 dark:text-indigo-200 hover:bg-indigo-100 dark:hover:bg-indigo-900/60"
            >
              <span aria-hidden>✕</span>
            </button>
          </li>
        ))}
      </ul>
    ) : null;
  const results = (
    <div
      hidden={!open}
      className={cn(
        'absolute right-0 left-0 z-20 rounded-md border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 shadow-lg',
        reserved ? 'inset-y-0 flex flex-col' : 'top-full mt-1',
      )}
    >
      <ul
        id={listId}
        role="listbox"
        aria-label={`${label}: search results`}
        aria-multiselectable={multiple || undefined}
        aria-busy={!settled || undefined}
        hidden={options.length === 0}
        // Keep focus in the input while clicking in the list.
        onMouseDown={(event) => event.preventDefault()}
        className={cn(
          'overflow-y-auto py-1',
          reserved ? 'min-h-0 flex-1' : 'max-h-60',
          search.isPlaceholderData && 'opacity-60',
        )}
      >
        {options.map((member) => {
          const reason = reasonFor(member);
          const isActive = active?.id === member.id;
          const isSelected = selectedIds.has(member.id);
          return (
            // Keyboard users operate options from the input (aria-activedescendant), not by focusing them.
            // eslint-disable-next-line jsx-a11y/click-events-have-key-events
            <li
              key={member.id}
              id={optionId(member)}
              role="option"
              aria-selected={isSelected}
              aria-disabled={reason !== null || undefined}
              ref={isActive ? (element) => element?.scrollIntoView({ block: 'nearest' }) : undefined}
              onClick={() => toggle(member)}
              className={cn(
                'flex cursor-default items-center gap-2 px-3 py-1.5 text-sm',
                isActive && 'bg-indigo-50 dark:bg-indigo-950/40',
                reason !== null ? 'text-slate-500 dark:text-slate-400' : 'text-slate-900 dark:text-slate-100',
              )}
            >
              <span
                aria-hidden
                className={cn(
                  'flex h-4 w-4 shrink-0 items-center justify-center rounded border text-[10px] font-bold',
                  isSelected
                    ? 'border-indigo-600 dark:border-indigo-400 bg-indigo-600 text-white'
                    : 'border-slate-400 dark:border-slate-500 bg-white dark:bg-slate-900 text-transparent',
                  !multiple && 'rounded-full',
                )}
              >
                ✓
              </span>
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{member.name}</span>
                <span className="block truncate text-xs text-slate-600 dark:text-slate-400">
                  {reason ?? member.email}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
      <p className="border-t border-slate-100 dark:border-slate-800 px-3 py-1.5 text-xs text-slate-600 dark:text-slate-400">
        {status}
      </p>
    </div>
  );
  const hintLine = (
    <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
      {hint}
    </p>
  );

  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {!reserved && chosenList}
      {/* The results float over what follows, so opening or closing them never moves the footer under the pointer. */}
      <div className="relative">
        <input
          ref={inputRef}
          id={id}
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && active ? optionId(active) : undefined}
          aria-describedby={hintId}
          autoComplete="off"
          spellCheck={false}
          autoFocus={autoFocus}
          placeholder="Search members"
          value={text}
          onChange={(event) => {
            const next = event.target.value;
            setText(next);
            setOpen(true);
            setActiveId(null);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => setQ(next.trim()), debounceMs);
          }}
          onClick={() => setOpen(true)}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          className="h-9 w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 text-sm text-slate-900 dark:text-slate-100 placeholder:text-slate-500 dark:placeholder:text-slate-400"
        />
        {!reserved && results}
      </div>
      {reserved ? (
        <>
          {hintLine}
          {/* Fixed height: choosing people or opening the results never moves the buttons below. */}
          <div className="relative h-56">
            <div className="h-full overflow-y-auto rounded-md border border-dashed border-slate-300 dark:border-slate-600 p-2">
              {chosenList ?? <p className="text-sm text-slate-600 dark:text-slate-400">No one chosen yet.</p>}
            </div>
            {results}
          </div>
        </>
      ) : (
        hintLine
      )}
      <div role="status" aria-live="polite" className="sr-only">
        {announcement}
      </div>
    </div>
  );
}

/**
 * For a dialog hosting a combobox: Escape with the list open closes the list,
 * not the dialog. Pass as the dialog content's `onEscapeKeyDown`.
 */
export function keepDialogOpenOnComboboxEscape(event: KeyboardEvent): void {
  const target = event.target;
  if (
    target instanceof HTMLElement &&
    target.getAttribute('role') === 'combobox' &&
    target.getAttribute('aria-expanded') === 'true'
  ) {
    event.preventDefault();
  }
}
