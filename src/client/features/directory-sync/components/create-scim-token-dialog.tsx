import { createScimTokenBodySchema } from '../../../../contract/scim-tokens.ts';
import { CopyButton } from '../../../components/copy-button.tsx';
import { Button } from '../../../components/ui/button.tsx';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
} from '../../../components/ui/dialog.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';
import { splitApiError } from '../../../lib/api-field-errors.ts';
import { useFieldErrors } from '../../../lib/use-field-errors.ts';
import { useCreateScimTokenMutation } from '../api/scim-token-mutations.ts';

const fields = ['name'] as const;

/**
 * Create a SCIM token by name; the token is shown once, with a copy button,
 * and forgotten when the dialog closes (the server keeps only its hash).
 */
export function CreateScimTokenDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const create = useCreateScimTokenMutation({
    onError: (error) => focusFirst(Object.keys(splitApiError(error, fields).fieldErrors)),
  });
  const server = splitApiError(create.error, fields);
  const { id, errors, fieldProps, validate, focusFirst } = useFieldErrors(server.fieldErrors);
  const created = create.data;
  const close = (next: boolean) => {
    onOpenChange(next);
    if (!next) create.reset();
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent
        // A stray click outside would lose the token.
        onInteractOutside={(event) => created && event.preventDefault()}
      >
        {created ? (
          <>
            <DialogTitle>Copy your new SCIM token</DialogTitle>
            <DialogDescription>
              This is the only time the token “{created.name}” is shown. Paste it into your identity
              provider’s SCIM app now; Roster keeps only a hash and cannot show it again.
            </DialogDescription>
            <div className="flex flex-col gap-2 sm:flex-row">
              <label htmlFor="new-scim-token" className="sr-only">
                SCIM token {created.name}
              </label>
              <Input
                id="new-scim-token"
                readOnly
                value={created.token}
                className="font-mono text-xs"
                onFocus={(event) => event.currentTarget.select()}
              />
              <CopyButton text={created.token} label="Copy token" />
            </div>
            <p
              role="note"
              className="rounded-md bg-amber-50 dark:bg-amber-950/40 px-3 py-2 text-sm text-amber-950 dark:text-amber-100"
            >
              It will not be shown again. Anyone with this token can add, change and remove members of this
              organization.
            </p>
            <DialogFooter>
              <Button onClick={() => close(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form
            noValidate
            className="flex flex-col gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              const form = new FormData(event.currentTarget);
              const body = validate(createScimTokenBodySchema, {
                name: String(form.get('name') ?? '').trim(),
              });
              if (body) create.mutate(body);
              else create.reset();
            }}
          >
            <DialogTitle>Create a SCIM token</DialogTitle>
            <DialogDescription>
              Your identity provider sends it with every SCIM request. It acts for this organization, not for
              you.
            </DialogDescription>
            <Field
              id={`${id}-name`}
              label="Name"
              hint="Say which identity provider uses it, e.g. “Okta” or “Entra ID”."
              error={errors.name}
            >
              <Input {...fieldProps('name')} maxLength={100} autoComplete="off" />
            </Field>
            {server.formError && (
              <p
                role="alert"
                className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200"
              >
                {server.formError}
              </p>
            )}
            <DialogFooter>
              <Button type="button" variant="secondary" onClick={() => close(false)}>
                Cancel
              </Button>
              <Button type="submit" pending={create.isPending}>
                Create token
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
