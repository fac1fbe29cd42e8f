import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import type { SsoTestBody, SsoTestStart } from '../../../../contract/sso.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';

/** A fresh test login: the server answers where to send the browser (the IdP, through Roster). */
export const startSsoTest = (body: SsoTestBody) => api.post<SsoTestStart>('/sso_config/test', body);

export function useStartSsoTestMutation(
  options: UseMutationOptions<SsoTestStart, ApiError, SsoTestBody> = {},
) {
  // The section shows a refusal beside the button; no toast repeats it.
  return useMutation({ ...options, mutationFn: startSsoTest, meta: { silentError: true } });
}
