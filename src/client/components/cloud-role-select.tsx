import { cloudRoles } from '#contract/enums.ts';
import { cloudRoleHints, cloudRoleLabels, type CloudRoleChoice } from '../lib/cloud-roles.ts';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from './ui/select.tsx';
import { cn } from '../lib/cn.ts';

/**
 * A cloud role picker (Owner / Write / Read only), each option with what it
 * allows. Shared by every place that grants a cloud: Manage users, a group's
 * clouds, and the invite dialog.
 */
export function CloudRoleSelect({
  value,
  onChange,
  label,
  disabled,
  describedBy,
  size = 'sm',
  className,
  id,
}: {
  value: CloudRoleChoice;
  onChange: (role: CloudRoleChoice) => void;
  /** The accessible name, e.g. "Role of Ada Lovelace on Research". */
  label: string;
  disabled?: boolean;
  /** The id of visible text saying why it is disabled, or what a change does. */
  describedBy?: string;
  size?: 'sm' | 'md';
  className?: string;
  id?: string;
}) {
  return (
    <Select
      value={value}
      onValueChange={(next) => {
        const role = cloudRoles.find((choice) => choice === next);
        if (role && role !== value) onChange(role);
      }}
      disabled={disabled}
    >
      <SelectTrigger
        id={id}
        size={size}
        aria-label={label}
        aria-describedby={describedBy}
        className={cn('w-32', className)}
      >
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {cloudRoles.map((role) => (
          <SelectItem key={role} value={role} hint={cloudRoleHints[role]}>
            {cloudRoleLabels[role]}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

/** "Owner", "Write" or "Read only" as a compact badge-like label. */
export function CloudRoleText({ role, className }: { role: CloudRoleChoice; className?: string }) {
  return (
    <span
      className={cn(
        'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap',
        role === 'owner'
          ? 'bg-indigo-100 dark:bg-indigo-900/60 text-indigo-800 dark:text-indigo-200'
          : role === 'write'
            ? 'bg-emerald-100 dark:bg-emerald-900/60 text-emerald-800 dark:text-emerald-200'
            : 'bg-slate-100 dark:bg-slate-800 text-slate-700 dark:text-slate-300',
        className,
      )}
    >
      {cloudRoleLabels[role]}
    </span>
  );
}
