import { errorCodes } from '#contract/errors.ts';

/** An error that is a value: a status, a stable code, and a message for people. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Seconds; sent as Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string) => new AppError(400, code, message);
export const unauthenticated = (message = 'Sign in to continue.') =>
  new AppError(401, errorCodes.unauthenticated, message);
export const forbidden = (message = 'Only organization owners can do this.') =>
  new AppError(403, errorCodes.forbidden, message);
export const notFound = (what = 'This item') =>
  new AppError(404, errorCodes.notFound, `${what} was not found.`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const tooManyRequests = (message: string) => new AppError(429, errorCodes.rateLimited, message);
/** The server is busy with work that cannot be hurried (password hashing); try again shortly. */
export const busy = (message: string, retryAfterSeconds: number) =>
  new AppError(429, errorCodes.rateLimited, message, retryAfterSeconds);

/**
 * The body of every error answer. `detail` repeats `message` because the
 * platform's own clients (its SDK, its Terraform provider) read `error.detail`.
 */
export function errorBody(code: string, message: string) {
  return { error: { code, message, detail: message } };
}
