import { groupNameSchema } from '#contract/groups.ts';
import { Input } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';

/** The name as the server will take it, or the message to show beside the field. */
export function parseGroupName(value: string): { name?: string; error?: string } {
  const parsed = groupNameSchema.safeParse(value.trim());
  return parsed.success ? { name: parsed.data } : { error: parsed.error.issues[0]?.message };
}

export function GroupNameField({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <Field id={id} label="Name" hint="For example Data Science or Platform team." error={error}>
      <Input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        autoComplete="off"
        maxLength={100}
        autoFocus
      />
    </Field>
  );
}
