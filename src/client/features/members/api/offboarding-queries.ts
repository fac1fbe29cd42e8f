import { queryOptions } from '@tanstack/react-query';
import type { CollaboratorPage, OffboardingPreview } from '#contract/members.ts';
import { api } from '../../../lib/api-client.ts';
import { memberQueries } from './member-queries.ts';

/** Queries the removal dialog needs: what each person holds, and who can take their clouds. */
export const offboardingQueries = {
  all: () => [...memberQueries.all(), 'offboarding'] as const,
  previews: () => [...offboardingQueries.all(), 'preview'] as const,
  preview: (id: string) =>
    queryOptions({
      queryKey: [...offboardingQueries.previews(), id] as const,
      queryFn: () =>
        api.get<OffboardingPreview>(
          `/organization_collaborators/${encodeURIComponent(id)}/offboarding_preview`,
        ),
      // Counts must be current when someone is about to be removed.
      staleTime: 0,
    }),
  /** For the cloud transfer combobox: members by name or email, searched on the server. */
  transferCandidates: {
    key: [...memberQueries.all(), 'offboarding'] as const,
    fetch: (q: string) =>
      api.get<CollaboratorPage>('/organization_collaborators', { q, count: 20, sort: 'name' }),
  },
};
