import type { AccessChange } from '#contract/groups.ts';
import { cloudRoleLabels } from '../../../lib/cloud-roles.ts';

const shown = 5;

/** "Ada Lovelace: Read only → no access", for the first few people, then "and 12 more". */
export function AccessChangeList({ changes }: { changes: AccessChange[] }) {
  if (changes.length === 0) {
    return (
      <p className="text-xs text-slate-600 dark:text-slate-400">Everyone keeps this access another way.</p>
    );
  }
  return (
    <ul className="flex flex-col gap-0.5 text-xs text-slate-700 dark:text-slate-300">
      {changes.slice(0, shown).map((change) => (
        <li key={change.id}>
          <span className="font-medium">{change.name}</span>: {cloudRoleLabels[change.role_before]}{' '}
          <span aria-hidden>→</span>
          <span className="sr-only">becomes</span>{' '}
          {change.role_after ? cloudRoleLabels[change.role_after] : 'no access'}
        </li>
      ))}
      {changes.length > shown && <li>and {(changes.length - shown).toLocaleString()} more</li>}
    </ul>
  );
}
