import type { ParsedAddress } from '../../../../contract/email-address.ts';
import { cn } from '../../../lib/cn.ts';

/** The addresses as the server will read them: valid ones, and invalid ones with the reason. */
export function AddressPreview({ addresses, id }: { addresses: ParsedAddress[]; id: string }) {
  if (addresses.length === 0) return null;
  return (
    <ul
      id={id}
      aria-label="Addresses to invite"
      className="flex max-h-40 flex-wrap gap-1.5 overflow-y-auto rounded-md border border-slate-200 bg-slate-50 p-2"
    >
      {addresses.map((address) => (
        <li
          key={address.email}
          className={cn(
            'inline-flex max-w-full flex-wrap items-center gap-x-1 rounded-md border px-2 py-0.5 text-xs',
            address.problem
              ? 'border-red-300 bg-red-50 text-red-900'
              : 'border-emerald-300 bg-white text-slate-800',
          )}
        >
          <span aria-hidden className={address.problem ? 'text-red-700' : 'text-emerald-700'}>
            {address.problem ? '!' : '✓'}
          </span>
          <span className="min-w-0 [overflow-wrap:anywhere]">{address.email}</span>
          {address.problem ? (
            <span className="text-red-800">— {address.problem}</span>
          ) : (
            <span className="sr-only">(valid)</span>
          )}
        </li>
      ))}
    </ul>
  );
}
