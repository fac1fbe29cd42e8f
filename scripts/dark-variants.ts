/**
 * Adds the dark-theme twin of every colour class in the console's class
 * strings, e.g. `bg-white` → `bg-white dark:bg-slate-900`, `text-slate-600` →
 * `text-slate-600 dark:text-slate-400`, `hover:bg-red-50` → `… dark:hover:bg-red-950/40`.
 * One mapping for the whole console keeps both themes consistent (and their
 * contrast checked once, by the axe journeys). Idempotent: run it again on
 * files you changed, e.g. after resolving a merge conflict by taking your side:
 *
 *   npx tsx scripts/dark-variants.ts $(git diff --name-only -- src/client)
 *
 * Strings that already carry a `dark:` twin for a class are left alone, so a
 * hand-written exception wins.
 */
import fs from 'node:fs';

const neutral = new Set(['slate', 'gray', 'zinc']);
const pick = (map: Record<number, string>, shade: number | undefined) =>
  shade === undefined ? undefined : map[shade];

function darkTwin(
  variant: string,
  utility: string,
  color: string,
  shade?: number,
  opacity = '',
): string | undefined {
  const line =
    ['border', 'divide', 'ring', 'outline', 'decoration'].includes(utility) ||
    /^border-[trblxy]$/.test(utility);
  const ink = ['text', 'fill', 'stroke', 'placeholder'].includes(utility);
  if (color === 'white') return utility === 'bg' ? `${variant}bg-slate-900${opacity}` : undefined;
  if (color === 'black') return undefined;
  if (neutral.has(color)) {
    if (utility === 'bg') {
      if (shade === 900) return opacity ? `${variant}bg-black/60` : `${variant}bg-slate-700`;
      const bg = pick({ 50: 'slate-800/50', 100: 'slate-800', 200: 'slate-700', 300: 'slate-600' }, shade);
      if (!bg) return undefined;
      return `${variant}bg-${opacity ? bg.replace(/\/\d+$/, '') + opacity : bg}`;
    }
    if (ink) {
      const to = pick(
        { 400: '500', 500: '400', 600: '400', 700: '300', 800: '200', 900: '100', 950: '50' },
        shade,
      );
      return to && `${variant}${utility}-slate-${to}${opacity}`;
    }
    if (line) {
      const to = pick({ 100: '800', 200: '700', 300: '600', 400: '500' }, shade);
      return to && `${variant}${utility}-slate-${to}${opacity}`;
    }
    return undefined;
  }
  if (utility === 'bg') {
    const bg = pick({ 50: '950/40', 100: '900/60', 200: '900', 300: '800' }, shade);
    if (!bg) return undefined;
    return `${variant}bg-${color}-${opacity ? bg.replace(/\/\d+$/, '') + opacity : bg}`;
  }
  if (ink && utility !== 'placeholder') {
    const to = pick({ 600: '400', 700: '300', 800: '200', 900: '200', 950: '100' }, shade);
    return to && `${variant}${utility}-${color}-${to}${opacity}`;
  }
  if (line) {
    const to = pick({ 100: '900', 200: '800', 300: '700', 400: '600', 600: '400' }, shade);
    return to && `${variant}${utility}-${color}-${to}${opacity}`;
  }
  return undefined;
}

const colors =
  'white|black|slate|gray|zinc|indigo|red|amber|emerald|sky|violet|teal|rose|green|yellow|blue|orange|purple|pink|cyan|lime|fuchsia';
const token = new RegExp(
  String.raw`(?<![\w:\-\[/])((?:(?:[a-z0-9-]+|[a-z-]*\[[^\]\s]+\]):)*)` +
    String.raw`(bg|text|border|border-[trblxy]|divide|ring|outline|decoration|placeholder|fill|stroke)-(${colors})` +
    String.raw`(?:-(\d{2,3}))?(\/\d+)?(?![\w\-/\[])`,
  'g',
);
const literal = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;

function withTwins(text: string): string {
  const present = new Set(text.match(/dark:[^\s'"`]+/g) ?? []);
  return text.replace(
    token,
    (match, variant: string, utility: string, color: string, shade?: string, opacity?: string) => {
      if (variant.includes('dark:')) return match;
      if (color !== 'white' && color !== 'black' && shade === undefined) return match;
      const twin = darkTwin(variant, utility, color, shade ? Number(shade) : undefined, opacity ?? '');
      if (!twin || present.has(`dark:${twin}`)) return match;
      present.add(`dark:${twin}`);
      return `${match} dark:${twin}`;
    },
  );
}

let changed = 0;
for (const file of process.argv.slice(2)) {
  if (!/\.(tsx?|html)$/.test(file) || /\.test\./.test(file)) continue;
  const source = fs.readFileSync(file, 'utf8');
  const next = source.replace(literal, withTwins);
  if (next !== source) {
    fs.writeFileSync(file, next);
    changed += 1;
  }
}
console.log(`${changed} file(s) given dark variants`);
