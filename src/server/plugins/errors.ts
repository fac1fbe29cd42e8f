import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCodes } from '../../contract/errors.ts';
import { classifyDatabaseError } from '../db/database-errors.ts';
import { AppError } from '../lib/errors.ts';

function describeValidation(
  issues: { instancePath?: string; message?: string; params?: Record<string, unknown> }[],
  where: string,
): string {
  const parts = issues.slice(0, 5).map((issue) => {
    const field = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const keys = issue.params?.keys;
    if (Array.isArray(keys) && keys.length > 0) return `unknown field ${keys.map(String).join(', ')}`;
    return field ? `${field}: ${issue.message}` : (issue.message ?? 'invalid');
  });
  return `Invalid ${where}: ${parts.join('; ')}`;
}

/** One place turns every failure into `{ error: { code, message } }`. */
async function errorsPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.statusCode).send({ error: { code: error.code, message: error.message } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      return reply.status(400).send({
        error: { code: errorCodes.validation, message: describeValidation(error.validation, where) },
      });
    }
    const database = classifyDatabaseError(error);
    if (database) {
      if (database.status >= 500) request.log.warn({ err: error }, `database: ${database.code}`);
      if (database.status === 503) void reply.header('retry-after', '5');
      return reply
        .status(database.status)
        .send({ error: { code: database.code, message: database.message } });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 429 ? errorCodes.rateLimited : errorCodes.badRequest;
      return reply.status(status).send({ error: { code, message: error.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: {
        code: errorCodes.internal,
        message: `Something went wrong on our side. Reference: ${request.id}`,
      },
    });
  });
}

export default fp(errorsPlugin, { name: 'errors' });

/**
 * Errors Fastify raises before a route is found (a malformed percent-encoding
 * in the URL) skip the error handler; answer them in the same shape.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const message =
    error.code === 'FST_ERR_BAD_URL'
      ? 'The address is not a valid URL: check its percent-encoding.'
      : error.message;
  void reply.status(status).send({ error: { code: errorCodes.badRequest, message } });
}
