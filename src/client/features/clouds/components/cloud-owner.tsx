import type { Cloud } from '#contract/clouds.ts';
import { cloudProviderLabels } from '#contract/clouds.ts';

export const implicitOwnerLabel = 'Organization owners (implicit)';

/** "Ada Lovelace" for an explicit owner, else the organization owners. */
export function CloudOwnerName({ owner }: { owner: Cloud['owner'] }) {
  if (!owner) return <span className="text-slate-600 dark:text-slate-400">{implicitOwnerLabel}</span>;
  return <span className="text-slate-900 dark:text-slate-100">{owner.name}</span>;
}

export function providerLabel(cloud: Pick<Cloud, 'provider'>): string {
  return cloudProviderLabels[cloud.provider];
}

export function peopleLabel(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? 'person' : 'people'}`;
}
