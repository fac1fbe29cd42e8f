import { deferred, useDeferredHolder, useDeferredTrigger } from '../../../components/ui/deferred.ts';
import {
  UserMenuTriggerContent,
  userMenuTriggerClassName,
  type UserMenuProps,
} from './user-menu-trigger.tsx';

// The menu itself (Radix, the theme choice, leaving) loads when someone first reaches for the trigger.
const menu = deferred(() => import('./user-menu-impl.tsx'));

/** The account menu in the header: who you are, settings links, theme, shortcuts, leaving, sign-out. */
export function UserMenu(props: UserMenuProps) {
  const loaded = menu.useModule();
  const trigger = useDeferredTrigger(menu.preload);
  const holder = useDeferredHolder(loaded !== null);
  return (
    <span data-deferred ref={holder} className="contents">
      {loaded ? (
        <loaded.UserMenu {...props} defaultOpen={trigger.openOnLoad} />
      ) : (
        // The name starts with the visible text (label in name): "Ada Lovelace, account menu".
        <button
          type="button"
          aria-label={`${props.user.name}, account menu`}
          className={userMenuTriggerClassName}
          {...trigger.props}
        >
          <UserMenuTriggerContent user={props.user} />
        </button>
      )}
    </span>
  );
}
