/** Parsed command line: positional words and `--flag value` / `--flag=value` / `--switch` options. */
export type ParsedArgs = {
  positional: string[];
  options: Map<string, string | true>;
};

const switches = new Set(['json', 'yes', 'help']);
const aliases: Record<string, string> = { y: 'yes', h: 'help' };

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const long = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    const short = /^-([a-z])$/.exec(arg);
    if (!long && !short) {
      positional.push(arg);
      continue;
    }
    const name = long ? long[1]! : (aliases[short![1]!] ?? short![1]!);
    if (switches.has(name)) {
      options.set(name, true);
      continue;
    }
    const value = long?.[2] ?? argv[i + 1];
    if (value === undefined || (long?.[2] === undefined && value.startsWith('-'))) {
      throw new UsageError(`--${name} needs a value.`);
    }
    if (long?.[2] === undefined) i += 1;
    options.set(name, value);
  }
  return { positional, options };
}

/** Rejects options the command does not know, so a typo is not silently ignored. */
export function allowOnly(args: ParsedArgs, allowed: string[]): void {
  for (const name of args.options.keys()) {
    if (name !== 'help' && !allowed.includes(name)) throw new UsageError(`Unknown option --${name}.`);
  }
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}
