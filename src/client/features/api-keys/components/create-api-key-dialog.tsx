import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
} from '../../../components/ui/dialog.tsx';
import {
  apiKeyExpiryDays,
  createApiKeyBodySchema,
  defaultApiKeyExpiryDays,
} from '../../../../contract/api-keys.ts';
import { formatDate } from '../../../components/format.ts';
import { Button } from '../../../components/ui/button.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';
import { splitApiError } from '../../../lib/api-field-errors.ts';
import { useFieldErrors } from '../../../lib/use-field-errors.ts';
import { useCreateApiKeyMutation } from '../api/create-api-key.ts';
import { CopyButton } from '../../../components/copy-button.tsx';

const fields = ['name', 'expires_in_days'] as const;

const expiryLabels: Record<(typeof apiKeyExpiryDays)[number], string> = {
  30: '30 days',
  90: '90 days',
  365: '1 year',
};

/**
 * Create a key by name and lifetime; the token is shown once, with a copy button, then never
 * again. One instance per page (controlled), so the token survives the list
 * changing from empty to one key behind it.
 */
export function CreateApiKeyDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const create = useCreateApiKeyMutation({
    onError: (error) => focusFirst(Object.keys(splitApiError(error, fields).fieldErrors)),
  });
  const server = splitApiError(create.error, fields);
  const { id, errors, fieldProps, validate, focusFirst } = useFieldErrors(server.fieldErrors);
  const created = create.data;
  const close = (next: boolean) => {
    onOpenChange(next);
    // Forget the token as soon as the dialog closes.
    if (!next) create.reset();
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent
        // Closing by a stray click outside would lose the token.
        onInteractOutside={(event) => created && event.preventDefault()}
      >
        {created ? (
          <>
            <DialogTitle>Copy your new API key</DialogTitle>
            <DialogDescription>
              This is the only time the key “{created.name}” is shown. Store it in your password manager or
              secret store now; Roster keeps only a hash and cannot show it again.
            </DialogDescription>
            {created.expires_at && (
              <p className="text-sm text-slate-700 dark:text-slate-300">
                It expires on <strong className="font-medium">{formatDate(created.expires_at)}</strong>; the
                list reminds you a week before.
              </p>
            )}
            <div className="flex flex-col gap-2 sm:flex-row">
              <label htmlFor="new-api-key" className="sr-only">
                API key {created.name}
              </label>
              <Input
                id="new-api-key"
                readOnly
                value={created.token}
                className="font-mono text-xs"
                onFocus={(event) => event.currentTarget.select()}
              />
              <CopyButton text={created.token} label="Copy key" />
            </div>
            <p
              role="note"
              className="rounded-md bg-amber-50 dark:bg-amber-950/40 px-3 py-2 text-sm text-amber-950 dark:text-amber-100"
            >
              Anyone with this key can act as you, with your current role. Never commit it to a repository.
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
              const body = validate(createApiKeyBodySchema, {
                name: String(form.get('name') ?? '').trim(),
                expires_in_days: Number(form.get('expires_in_days')),
              });
              if (body) create.mutate(body);
              else create.reset();
            }}
          >
            <DialogTitle>Create an API key</DialogTitle>
            <DialogDescription>
              For scripts and the roster command-line client. The key acts as you, with your role at the
              moment of each request, and dies if you leave the organization.
            </DialogDescription>
            <Field
              id={`${id}-name`}
              label="Name"
              hint="Say where it is used, e.g. “offboarding script” or “CI”."
              error={errors.name}
            >
              <Input {...fieldProps('name')} maxLength={100} autoComplete="off" />
            </Field>
            <fieldset
              className="flex flex-col gap-1.5"
              aria-describedby={
                errors.expires_in_days ? `${id}-expires_in_days-error` : `${id}-expires_in_days-hint`
              }
            >
              <legend className="mb-1.5 text-sm font-medium text-slate-800 dark:text-slate-200">
                Expires after
              </legend>
              <div className="flex flex-wrap gap-2">
                {apiKeyExpiryDays.map((days) => (
                  <label
                    key={days}
                    className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 dark:border-slate-600 px-3 py-1.5 text-sm text-slate-800 dark:text-slate-200 has-checked:border-indigo-600 dark:has-checked:border-indigo-400 has-checked:bg-indigo-50 dark:has-checked:bg-indigo-950/40"
                  >
                    <input
                      type="radio"
                      name="expires_in_days"
                      value={days}
                      defaultChecked={days === defaultApiKeyExpiryDays}
                      className="accent-indigo-600"
                    />
                    {expiryLabels[days]}
                  </label>
                ))}
              </div>
              {errors.expires_in_days ? (
                <p
                  id={`${id}-expires_in_days-error`}
                  className="text-xs font-medium text-red-700 dark:text-red-300"
                >
                  {errors.expires_in_days}
                </p>
              ) : (
                <p id={`${id}-expires_in_days-hint`} className="text-xs text-slate-600 dark:text-slate-400">
                  After that the key answers 401 and you create a new one. Shorter is safer.
                </p>
              )}
            </fieldset>
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
                Create key
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
