import { Button } from '../../../components/ui/button.tsx';
import { useMemberListParams } from '../hooks/use-member-list-params.ts';

/**
 * Downloads the member list as CSV, following the search, role, source and SSO filters and sort
 * on screen. A plain link: the browser streams the file to disk as the server
 * writes it, so a million members never sit in the page's memory.
 */
export function ExportMembersButton() {
  const { filters, hasFilters } = useMemberListParams();
  const query = new URLSearchParams();
  if (filters.q) query.set('q', filters.q);
  if (filters.permission_level) query.set('permission_level', filters.permission_level);
  if (filters.source) query.set('source', filters.source);
  if (filters.sso !== undefined) query.set('sso', String(filters.sso));
  if (filters.sort) query.set('sort', filters.sort);
  const search = query.toString();
  return (
    // Not on phones: the compact header keeps one line there, and a CSV download is a desk task.
    <Button asChild variant="secondary" className="hidden sm:inline-flex">
      <a href={`/api/v2/organization_collaborators/export${search ? `?${search}` : ''}`} download>
        {hasFilters ? 'Export these members (CSV)' : 'Export all members (CSV)'}
      </a>
    </Button>
  );
}
