import { useQuery } from '@tanstack/react-query';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { memberQueries } from '../api/member-queries.ts';

const shown = 3;

/** For collaborators: who can change roles or invite people, with a mail link each. */
export function OwnersContact() {
  const owners = useQuery(memberQueries.owners());
  return (
    <div className="flex items-start gap-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 px-4 py-3 text-sm text-slate-700 dark:text-slate-300">
      <svg
        aria-hidden
        viewBox="0 0 20 20"
        fill="currentColor"
        className="mt-0.5 h-4 w-4 shrink-0 text-slate-500 dark:text-slate-400"
      >
        <path
          fillRule="evenodd"
          d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-7-4a1 1 0 1 1-2 0 1 1 0 0 1 2 0ZM9 9a.75.75 0 0 0 0 1.5h.25v3a.75.75 0 0 0 1.5 0V9.75A.75.75 0 0 0 10 9H9Z"
          clipRule="evenodd"
        />
      </svg>
      {owners.isPending ? (
        <span className="flex-1" role="status">
          <span className="sr-only">Loading the organization owners…</span>
          <Skeleton className="h-4 w-full max-w-md" />
        </span>
      ) : owners.isError || owners.data.results.length === 0 ? (
        <p>You have read-only access. Ask an organization owner to change roles or invite people.</p>
      ) : (
        <p>
          You have read-only access. Ask an owner —{' '}
          <OwnerNames owners={owners.data.results} total={owners.data.metadata.total} /> — to change roles or
          invite people.
        </p>
      )}
    </div>
  );
}

function OwnerNames({
  owners,
  total,
}: {
  owners: { id: string; name: string; email: string }[];
  total: number;
}) {
  const listed = owners.slice(0, shown);
  const more = total - listed.length;
  return (
    <>
      {listed.map((owner, index) => (
        <span key={owner.id}>
          {index > 0 && (index === listed.length - 1 && more === 0 ? ' or ' : ', ')}
          <a
            href={`mailto:${owner.email}`}
            className="font-medium text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline"
          >
            {owner.name}
          </a>
        </span>
      ))}
      {more > 0 && ` or ${more} other ${more === 1 ? 'owner' : 'owners'}`}
    </>
  );
}
