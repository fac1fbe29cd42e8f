import { useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { auditQueries } from '../../features/audit/api/audit-queries.ts';
import { AuditLogPage } from '../../features/audit/components/audit-log-page.tsx';
import { auditFiltersFrom } from '../../features/audit/hooks/use-audit-log-params.ts';
import { queryClient } from '../query.ts';
import { requireOwner } from '../guards.ts';

export async function auditLogLoader({ request }: LoaderFunctionArgs) {
  const user = await requireOwner(request, 'The audit log');
  void queryClient.prefetchQuery(auditQueries.list(auditFiltersFrom(new URL(request.url).searchParams)));
  return user;
}

/** Settings › Audit log (owners only; a collaborator is sent back to Members). */
export function AuditLogRoute() {
  const initial = useLoaderData<typeof auditLogLoader>();
  const { data: user = initial } = useQuery(authQueries.userInfo());
  return <AuditLogPage organizationName={user.organization.name} />;
}
