import { EmptyState, PageHeader } from '../../components/states.tsx';

/** Stand-in for pages whose feature is not built yet. */
export function PlaceholderPage({ title, description }: { title: string; description: string }) {
  return (
    <div>
      <PageHeader title={title} />
      <EmptyState title={`No ${title.toLowerCase()} yet`}>{description}</EmptyState>
    </div>
  );
}
