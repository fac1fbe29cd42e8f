import { DevMailboxPage } from '../../features/dev-mailbox/components/dev-mailbox-page.tsx';

/** /dev/mailbox — development builds only (see router.tsx). */
export function DevMailboxRoute() {
  return <DevMailboxPage />;
}
