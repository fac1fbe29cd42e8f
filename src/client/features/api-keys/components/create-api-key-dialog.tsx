import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
} from '../../../components/ui/dialog.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';
import { useCreateApiKeyMutation } from '../api/create-api-key.ts';
import { CopyButton } from './copy-button.tsx';

/**
 * Create a key by name; the token is shown once, with a copy button, then never
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
  const create = useCreateApiKeyMutation();
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
            <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">
              Anyone with this key can act as you, with your current role. Never commit it to a repository.
            </p>
            <DialogFooter>
              <Button onClick={() => close(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form
            className="flex flex-col gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
              create.mutate({ name });
            }}
          >
            <DialogTitle>Create an API key</DialogTitle>
            <DialogDescription>
              For scripts and the roster command-line client. The key acts as you, with your role at the
              moment of each request, and dies if you leave the organization.
            </DialogDescription>
            <Field
              id="api-key-name"
              label="Name"
              hint="Say where it is used, e.g. “offboarding script” or “CI”."
              error={create.error?.message}
            >
              <Input
                id="api-key-name"
                name="name"
                required
                maxLength={100}
                autoComplete="off"
                aria-invalid={create.isError || undefined}
                aria-describedby={create.isError ? 'api-key-name-error' : 'api-key-name-hint'}
              />
            </Field>
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
