import type { cloudRoles } from '#contract/enums.ts';

/**
 * What the console calls each cloud role. Plain data, apart from the picker
 * (components/cloud-role-select.tsx) so that a page naming a role does not load
 * the Select primitive with it.
 */
export type CloudRoleChoice = (typeof cloudRoles)[number];

export const cloudRoleLabels: Record<CloudRoleChoice, string> = {
  owner: 'Owner',
  write: 'Write',
  readonly: 'Read only',
};

export const cloudRoleHints: Record<CloudRoleChoice, string> = {
  owner: 'Manages who can use the cloud, and uses it fully.',
  write: 'Creates, terminates and duplicates workloads.',
  readonly: 'Sees the cloud and its workloads; creates nothing.',
};
