import { useQuery } from '@tanstack/react-query';
import { cloudQueries } from '../api/cloud-queries.ts';

/** Names the organization owners (with mail links), so a collaborator knows whom to ask for access. */
export function AskAnOwner() {
  const owners = useQuery(cloudQueries.organizationOwners());
  if (!owners.data || owners.data.results.length === 0) return null;
  const listed = owners.data.results;
  const more = owners.data.metadata.total - listed.length;
  return (
    <p className="mt-2">
      Organization owners:{' '}
      {listed.map((owner, index) => (
        <span key={owner.id}>
          {index > 0 && ', '}
          <a
            href={`mailto:${owner.email}`}
            className="font-medium text-indigo-700 dark:text-indigo-300 underline underline-offset-2"
          >
            {owner.name}
          </a>
        </span>
      ))}
      {more > 0 && ` and ${more} more`}.
    </p>
  );
}
