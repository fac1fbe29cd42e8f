import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { CloudPage } from '#contract/clouds.ts';
import type { GroupPage } from '#contract/groups.ts';
import type {
  InvitationLookup,
  InvitationPage,
  InvitationPreview,
  MailDelivery,
} from '#contract/invitations.ts';
import { api, isApiError } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const invitationPageSize = 20;
/** Clouds offered in the invite dialog; an organization with more is told so. */
export const cloudChoiceLimit = 100;

export type InvitationListFilters = { paging_token?: string };

export const invitationQueries = {
  all: queryKeys.invitations,
  lists: () => [...invitationQueries.all(), 'list'] as const,
  list: (filters: InvitationListFilters) =>
    queryOptions({
      queryKey: [...invitationQueries.lists(), filters] as const,
      queryFn: () =>
        api.get<InvitationPage>('/organization_invitations', { count: invitationPageSize, ...filters }),
      placeholderData: keepPreviousData,
    }),
  delivery: () =>
    queryOptions({
      queryKey: [...invitationQueries.all(), 'delivery'] as const,
      queryFn: () => api.get<MailDelivery>('/organization_invitations/delivery'),
      staleTime: Infinity,
    }),
  /**
   * The organization's clouds to grant on acceptance. `null` when this server
   * has no clouds API, so the picker is left out rather than shown broken.
   */
  cloudChoices: () =>
    queryOptions({
      queryKey: [...invitationQueries.all(), 'cloud-choices'] as const,
      queryFn: async () => {
        try {
          return await api.get<CloudPage>('/clouds', { count: cloudChoiceLimit });
        } catch (error) {
          if (isApiError(error) && error.status === 404) return null;
          throw error;
        }
      },
    }),
  /** Manual groups to join on acceptance (SCIM groups are the identity provider's to fill). */
  groupChoices: () =>
    queryOptions({
      queryKey: [...invitationQueries.all(), 'group-choices'] as const,
      queryFn: () => api.get<GroupPage>('/groups', { source: 'manual', count: cloudChoiceLimit }),
    }),
  /** Who these addresses already are (member, invited), for the invite dialog's preview. Writes nothing. */
  lookup: (emails: string[]) =>
    queryOptions({
      queryKey: [...invitationQueries.all(), 'lookup', emails] as const,
      queryFn: () => api.post<InvitationLookup>('/organization_invitations/lookup', { emails }),
      enabled: emails.length > 0,
      placeholderData: keepPreviousData,
      staleTime: 30_000,
    }),
  /** What an invitation link is for. A POST (the token stays out of URLs and logs) that changes nothing. */
  preview: (token: string) =>
    queryOptions({
      queryKey: [...invitationQueries.all(), 'preview', token] as const,
      queryFn: () => api.post<InvitationPreview>('/invitation_acceptances/preview', { token }),
      retry: false,
      staleTime: Infinity,
      gcTime: 0,
    }),
};
