import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

/** A value a prepared query is run with: bound as one parameter, or a list bound as one each. */
type Value = string | number | bigint | boolean | null;
type Params = Record<string, Value | readonly Value[]>;

/** Where a compiled parameter's value comes from: a call's value (by name and list position) or the query itself. */
type Slot = { name: string; index: number | null } | { fixed: unknown };
type Template = { sql: string; query: CompiledQuery['query']; slots: Slot[] };

const marker = '\u0000roster-prepared:';

function standIn(name: string, index: number | null): string {
  return `${marker}${name}${index === null ? '' : `:${index}`}`;
}

function standIns<P extends Params>(params: P): P {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    out[name] = Array.isArray(value) ? value.map((_, i) => standIn(name, i)) : standIn(name, null);
  }
  return out as P;
}

function templateOf(compiled: CompiledQuery, params: Params): Template {
  const slots: Slot[] = [];
  const seen = new Set<string>();
  for (const parameter of compiled.parameters) {
    if (typeof parameter === 'string' && parameter.startsWith(marker)) {
      const [name, index] = parameter.slice(marker.length).split(':') as [string, string | undefined];
      slots.push({ name, index: index === undefined ? null : Number(index) });
      seen.add(parameter);
    } else {
      slots.push({ fixed: parameter });
    }
  }
  // A value the query inlined, dropped or branched on would be wrong for the next call's values.
  const expected = Object.values(standIns(params)).flat();
  if (compiled.sql.includes(marker) || expected.some((value) => !seen.has(value as string))) {
    throw new Error(`A prepared query must bind each of its values as a parameter: ${compiled.sql}`);
  }
  return { sql: compiled.sql, query: compiled.query, slots };
}

function bind(slots: Slot[], params: Params): unknown[] {
  return slots.map((slot) => {
    if ('fixed' in slot) return slot.fixed;
    const value = params[slot.name];
    return slot.index === null ? value : (value as readonly Value[])[slot.index];
  });
}

/**
 * A query of one shape, built and compiled once per dialect (and `shape`) and
 * then run with each call's values. Kysely otherwise builds and compiles its
 * operation tree anew on every call: 50 µs for the API key's principal
 * lookup, more than SQLite takes to run it, on every request a script makes.
 *
 * `build` is called once with stand-ins for the values, so it must bind each
 * of them as a parameter and never look at them (that is checked). A list
 * value (`in (…)`) binds one parameter per item: the list's length is part of
 * the shape, so pass it in `shape`.
 */
export function preparedQuery<P extends Params, R>(
  build: (db: Db, params: P) => Compilable<R>,
  shape: (params: P) => string = () => '',
) {
  const templates = new Map<string, Template>();
  const templateFor = (db: Db, params: P): Template => {
    // The adapter says which dialect compiles; a transaction shares its database's.
    const key = `${db.getExecutor().adapter.constructor.name} ${shape(params)}`;
    let template = templates.get(key);
    if (!template) {
      template = templateOf(build(db, standIns(params)).compile(), params);
      templates.set(key, template);
    }
    return template;
  };
  const run = async (db: Db, params: P): Promise<R[]> => {
    const template = templateFor(db, params);
    const compiled = CompiledQuery.raw(template.sql, bind(template.slots, params)) as CompiledQuery<R>;
    const result = await db.executeQuery({ ...compiled, query: template.query });
    return result.rows as R[];
  };
  return {
    all: run,
    first: async (db: Db, params: P): Promise<R | undefined> => (await run(db, params))[0],
  };
}
