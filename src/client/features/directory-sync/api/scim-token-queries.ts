import { queryOptions } from '@tanstack/react-query';
import type { ScimTokenList } from '#contract/scim-tokens.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const scimTokenQueries = {
  all: queryKeys.scimTokens,
  /** The live tokens and the SCIM endpoint URL to give the identity provider. */
  list: () =>
    queryOptions({
      queryKey: [...scimTokenQueries.all(), 'list'] as const,
      queryFn: () => api.get<ScimTokenList>('/scim_tokens'),
    }),
};
