import { errorCodes } from '#contract/errors.ts';
import { AppError } from '../../lib/errors.ts';

// Apart from api-keys.service.ts so authentication (auth.service.ts) can check a key's expiry
// without importing the service that imports it back.

export function apiKeyExpired(expiresAt: string | null, now: Date): boolean {
  return expiresAt !== null && expiresAt <= now.toISOString();
}

export const apiKeyExpiredError = (expiresAt: string) =>
  new AppError(
    401,
    errorCodes.apiKeyExpired,
    `This API key expired on ${expiresAt.slice(0, 10)}. Create a new key in the console.`,
  );
