import { errorCodes } from '#contract/errors.ts';
import { judgePassword } from '#contract/password-policy.ts';
import { AppError } from './errors.ts';

/**
 * The server's half of the password rule (the console shows the same verdict
 * live): a 400 naming the field, before any scrypt time is spent.
 */
export function assertAcceptablePassword(password: string, userInputs: string[], field = 'password'): void {
  const verdict = judgePassword(password, userInputs);
  if (verdict.ok) return;
  const advice = verdict.suggestions.length > 0 ? ` ${verdict.suggestions.join(' ')}` : '';
  throw new AppError(400, errorCodes.validation, `Invalid body: ${field}: ${verdict.problem}${advice}`);
}
