import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import type { SsoTestBody, SsoTestStart } from '../../../../contract/sso.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';

/** A fresh test login: the server answers where to send the browser (the IdP, through Roster). */
export const startSsoTest = (body: SsoTestBody) => api.post<SsoTestStart>('/sso_config/test', body);

export function useStartSsoTestMutation(
  options: UseMutationOptions<SsoTestStart, ApiError, SsoTestBody> = {},
) {
  return useMutation({ ...options, mutationFn: startSsoTest });
}
