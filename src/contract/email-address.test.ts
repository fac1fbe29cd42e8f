import { describe, expect, it } from 'vitest';
import { parseInviteAddresses } from './email-address.ts';

describe('parseInviteAddresses', () => {
  it('splits on commas, semicolons, spaces and new lines, canonicalises and collapses duplicates', () => {
    expect(parseInviteAddresses('a@x.com, b@x.com;c@x.com\n bad@@x, A@X.COM')).toEqual([
      { email: 'a@x.com' },
      { email: 'b@x.com' },
      { email: 'c@x.com' },
      { email: 'bad@@x', problem: 'Has more than one @ sign.' },
    ]);
  });

  it('reads "Name <address>" as mail programs copy it, without swallowing a neighbour', () => {
    const input = 'Ada Lovelace <ada@x.com>, "Hopper, Grace" <grace@x.com>; z@x.com <y@x.com>';
    expect(parseInviteAddresses(input)).toEqual([
      { email: 'ada@x.com' },
      { email: 'grace@x.com' },
      { email: 'z@x.com' },
      { email: 'y@x.com' },
    ]);
  });

  it('NFC-normalises, so two spellings of one address are one', () => {
    expect(parseInviteAddresses(['Jose\u0301@bu\u0308cher.de', 'jos\u00e9@b\u00fccher.de'])).toEqual([
      { email: 'jos\u00e9@b\u00fccher.de' },
    ]);
  });

  it('says why an address is invalid', () => {
    const problems = Object.fromEntries(
      parseInviteAddresses('nobody a@ @x.com a@localhost a@b..com').map((a) => [a.email, a.problem]),
    );
    expect(problems).toEqual({
      nobody: 'Missing the @ sign.',
      'a@': 'Missing the domain after the @ sign.',
      '@x.com': 'Missing the name before the @ sign.',
      'a@localhost': 'The domain needs a dot, as in example.com.',
      'a@b..com': 'Not a valid email address.',
    });
  });
});
