import { cn } from '../lib/cn.ts';

// Dark enough for white initials to pass WCAG AA.
const palette = [
  'bg-indigo-700',
  'bg-emerald-700',
  'bg-sky-700',
  'bg-amber-700',
  'bg-rose-700',
  'bg-violet-700',
  'bg-teal-700',
  'bg-slate-600',
];

export function initialsOf(name: string): string {
  const parts = name.split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]!, parts.at(-1)!] : parts;
  return letters.map((part) => Array.from(part)[0]!.toUpperCase()).join('') || '?';
}

/** One colour per person wherever their initials appear (member rows, the account menu): seed with `user_id`. */
export function avatarColor(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.codePointAt(0)!) | 0;
  return palette[Math.abs(hash) % palette.length]!;
}

/**
 * Initials in a colored circle; decorative, the name is always written beside
 * it. `initialsFromCss` draws them as generated content instead of text: for
 * a control named after the person ("Ada Lovelace, account menu"), whose
 * visible text must then be part of that name (WCAG 2.5.3, label in name),
 * which "AL" would not be.
 */
export function Avatar({
  name,
  seed,
  className,
  initialsFromCss = false,
}: {
  name: string;
  seed: string;
  className?: string;
  initialsFromCss?: boolean;
}) {
  const initials = initialsOf(name);
  return (
    <span
      aria-hidden
      data-initials={initialsFromCss ? initials : undefined}
      className={cn(
        'flex h-8 w-8 shrink-0 items-center justify-center rounded-full text-xs font-semibold text-white select-none',
        initialsFromCss && 'before:content-[attr(data-initials)]',
        avatarColor(seed),
        className,
      )}
    >
      {initialsFromCss ? null : initials}
    </span>
  );
}
