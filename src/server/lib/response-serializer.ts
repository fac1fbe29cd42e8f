import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type Serialize = (data: unknown) => string;
type RouteSchema = Parameters<FastifySerializerCompiler<unknown>>[0];

/** The route's response schema as JSON Schema, or null when it has parts JSON Schema cannot say. */
function jsonSchemaOf(given: unknown): object | null {
  const schema =
    given && typeof given === 'object' && 'properties' in given
      ? (given as { properties: unknown }).properties
      : given;
  if (!(schema instanceof z.ZodType)) return null;
  try {
    return z.toJSONSchema(schema, { io: 'output', target: 'draft-7' });
  } catch {
    return null;
  }
}

/**
 * Writes each answer with a serializer compiled from its route's response
 * schema (fast-json-stringify, Fastify's own way with JSON Schema): only the
 * declared fields, straight into the string. zod's encode copies every object
 * and checks it before JSON.stringify walks the copy again; on a page of 50
 * members that was twice the time (decision 005).
 *
 * The compiled writer trusts the handler's types, which TypeScript checks; with
 * `verify` (every environment but production) zod's answer is computed too and
 * must be the same JSON, so a handler that strays from its contract, or a
 * schema the compiled writer reads differently, fails the API suite instead of
 * reaching a client. Schemas JSON Schema cannot express keep zod's writer.
 */
export function responseSerializerCompiler(options: { verify: boolean }): FastifySerializerCompiler<unknown> {
  return (route: RouteSchema) => {
    const checked = zodSerializerCompiler(route as never) as Serialize;
    const jsonSchema = jsonSchemaOf(route.schema);
    if (!jsonSchema) return checked;
    const compiled = fastJson(jsonSchema) as Serialize;
    if (!options.verify) return compiled;
    return (data) => {
      const expected = checked(data);
      const written = compiled(data);
      if (!isDeepStrictEqual(JSON.parse(written), JSON.parse(expected))) {
        throw new Error(
          `The compiled serializer of ${route.method} ${route.url} (${route.httpStatus}) wrote ${written}, zod wrote ${expected}`,
        );
      }
      return written;
    };
  };
}
