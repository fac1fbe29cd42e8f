import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCodes } from '#contract/errors.ts';
import { classifyDatabaseError } from '../db/database-errors.ts';
import { AppError, errorBody } from '../lib/errors.ts';

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

/** One place turns every failure into `{ error: { code, message, detail } }`. */
async function errorsPlugin(app: FastifyInstance): Promise<void> {
  // Requests that arrive on a kept-alive connection while the server shuts down.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    if (closing) {
      void reply.header('connection', 'close').header('retry-after', '5');
      return reply
        .status(503)
        .send(
          errorBody(
            errorCodes.shuttingDown,
            'The server is shutting down. Try again in a moment (another instance may answer).',
          ),
        );
    }
    // Node's own check answers an empty 400; it is off (app.ts) so the answer has our shape.
    if (request.raw.httpVersion === '1.1' && !request.headers.host) {
      return reply
        .status(400)
        .send(errorBody(errorCodes.badRequest, 'The request has no Host header (HTTP/1.1 requires one).'));
    }
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.retryAfter !== undefined) void reply.header('retry-after', String(error.retryAfter));
      return reply.status(error.statusCode).send(errorBody(error.code, error.message));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      return reply
        .status(400)
        .send(errorBody(errorCodes.validation, describeValidation(error.validation, where)));
    }
    const database = classifyDatabaseError(error);
    if (database) {
      if (database.status >= 500) request.log.warn({ err: error }, `database: ${database.code}`);
      if (database.status === 503) void reply.header('retry-after', '5');
      return reply.status(database.status).send(errorBody(database.code, database.message));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 429 ? errorCodes.rateLimited : errorCodes.badRequest;
      return reply.status(status).send(errorBody(code, error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send(errorBody(errorCodes.internal, `Something went wrong on our side. Reference: ${request.id}`));
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
  void reply.status(status).send(errorBody(errorCodes.badRequest, message));
}

/** What the HTTP parser refused, in words; the codes are Node's (llhttp). */
const parserProblems: Record<string, string> = {
  HPE_INVALID_HEADER_TOKEN: 'A header name or value contains characters that are not allowed.',
  HPE_INVALID_METHOD: 'The request line is malformed (method).',
  HPE_INVALID_URL: 'The request line is malformed (the address contains characters that are not allowed).',
  HPE_INVALID_VERSION: 'The request line is malformed (HTTP version).',
  HPE_INVALID_CONSTANT: 'The request line is malformed.',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'Content-Length and Transfer-Encoding may not be sent together.',
  HPE_INVALID_TRANSFER_ENCODING: 'The Transfer-Encoding header is not valid.',
  HPE_INVALID_CONTENT_LENGTH: 'The Content-Length header is not valid.',
  HPE_INVALID_CHUNK_SIZE: 'The chunked body is malformed (chunk size).',
  HPE_STRICT: 'The request is malformed.',
  HPE_LF_EXPECTED: 'The request is malformed (line endings).',
  HPE_CR_EXPECTED: 'The request is malformed (line endings).',
};

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (431 large
 * headers, malformed request line, bad header characters, Content-Length with
 * Transfer-Encoding, bad chunk sizes, a raw NUL in the path): written straight
 * to the socket, in the API's error shape.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let code: string = errorCodes.badRequest;
  let message = parserProblems[error.code ?? ''] ?? 'The request is malformed.';
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    code = errorCodes.headersTooLarge;
    message =
      'The request headers are too large (large cookies?). Clear cookies for this site and try again.';
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_HEADERS_TIMEOUT') {
    status = 408;
    code = 'request_timeout';
    message = 'The request took too long to arrive.';
  }
  const body = JSON.stringify(errorBody(code, message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
