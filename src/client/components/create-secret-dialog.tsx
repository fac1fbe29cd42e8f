import * as React from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ZodType } from 'zod';
import type { ApiError } from '../lib/api-client.ts';
import { splitApiError } from '../lib/api-field-errors.ts';
import { useFieldErrors } from '../lib/use-field-errors.ts';
import { CopyButton } from './copy-button.tsx';
import { Button } from './ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from './ui/dialog.tsx';
import { Input } from './ui/input.tsx';
import { Field } from './ui/label.tsx';

/** What a create call answers: the secret itself, this once. */
export type CreatedSecret = { name: string; token: string };

/** How the dialog speaks of the secret it has just shown. */
export type ShownSecret = {
  title: string;
  description: React.ReactNode;
  /** Said between the description and the secret (e.g. when it expires). */
  details?: React.ReactNode;
  /** The secret input's accessible name. */
  secretLabel: string;
  copyLabel: string;
  /** What anyone holding the secret can do. */
  warning: React.ReactNode;
};

/** A controlled dialog's open state, as its page holds it. */
export type DialogOpenState = { open: boolean; onOpenChange: (open: boolean) => void };

export type SecretFieldKit<Name extends string> = Pick<
  ReturnType<typeof useFieldErrors<Name>>,
  'id' | 'errors' | 'fieldProps'
>;

/**
 * Create a bearer secret (an API key, a SCIM token) by name: a form, then the
 * secret shown once with a copy button, forgotten when the dialog closes (the
 * server keeps only its hash). Controlled, one instance per page, so the secret
 * survives the list behind it changing from empty to one row.
 */
export function CreateSecretDialog<Name extends string, Body, Created extends CreatedSecret>({
  open,
  onOpenChange,
  mutation,
  fields,
  schema,
  read,
  title,
  description,
  nameHint,
  submitLabel,
  extraFields,
  shown,
}: DialogOpenState & {
  mutation: UseMutationResult<Created, ApiError, Body>;
  /** Every field of the form, `name` among them, so the server's refusals land under them. */
  fields: readonly Name[];
  schema: ZodType<Body>;
  /** The request body, before validation, from the submitted form. */
  read: (form: FormData) => unknown;
  title: string;
  description: React.ReactNode;
  nameHint: string;
  submitLabel: string;
  /** Fields after the name. */
  extraFields?: (kit: SecretFieldKit<Name>) => React.ReactNode;
  shown: (created: Created) => ShownSecret;
}) {
  const server = splitApiError(mutation.error, fields);
  const { id, errors, fieldProps, validate, focusFirst } = useFieldErrors(server.fieldErrors);
  const secretId = React.useId();
  const created = mutation.data;
  const close = (next: boolean) => {
    onOpenChange(next);
    // Forget the secret as soon as the dialog closes.
    if (!next) mutation.reset();
  };
  const name = 'name' as Name;
  const said = created ? shown(created) : undefined;

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent
        // Closing by a stray click outside would lose the secret.
        onInteractOutside={(event) => created && event.preventDefault()}
      >
        {created && said ? (
          <>
            <DialogTitle>{said.title}</DialogTitle>
            <DialogDescription>{said.description}</DialogDescription>
            {said.details}
            <div className="flex flex-col gap-2 sm:flex-row">
              <label htmlFor={secretId} className="sr-only">
                {said.secretLabel}
              </label>
              <Input
                id={secretId}
                readOnly
                value={created.token}
                className="font-mono text-xs"
                onFocus={(event) => event.currentTarget.select()}
              />
              <CopyButton text={created.token} label={said.copyLabel} />
            </div>
            <p
              role="note"
              className="rounded-md bg-amber-50 dark:bg-amber-950/40 px-3 py-2 text-sm text-amber-950 dark:text-amber-100"
            >
              {said.warning}
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
              const body = validate(schema, read(new FormData(event.currentTarget)));
              if (body) {
                mutation.mutate(body, {
                  onError: (error) => focusFirst(Object.keys(splitApiError(error, fields).fieldErrors)),
                });
              } else {
                mutation.reset();
              }
            }}
          >
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
            <Field id={`${id}-name`} label="Name" hint={nameHint} error={errors[name]}>
              <Input {...fieldProps(name)} maxLength={100} autoComplete="off" />
            </Field>
            {extraFields?.({ id, errors, fieldProps })}
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
              <Button type="submit" pending={mutation.isPending}>
                {submitLabel}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
