import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

const fallback = '/settings/members';

describe('safeNext', () => {
  it('keeps paths of the console, with their query and hash', () => {
    for (const path of [
      '/settings/members',
      '/settings/members?q=John%20Smith&sort=name',
      '/clouds/abc#access',
      '/invitations/accept?token=abc',
      '/settings/audit?q=%2Fhome',
    ]) {
      expect(safeNext(path), path).toBe(path);
    }
  });

  it('refuses nothing at all, other origins, and anything not starting with one slash', () => {
    for (const value of [null, '', 'settings', 'https://evil.example/', 'javascript:alert(1)', 'data:,x']) {
      expect(safeNext(value), String(value)).toBe(fallback);
    }
  });

  it('refuses every scheme-relative form, however it is written', () => {
    for (const value of [
      '//evil.example',
      '//evil.example/settings',
      '/\\evil.example',
      '\\\\evil.example',
      '\\/evil.example',
      '/\\/evil.example',
      '/%2Fevil.example',
      '/%2fevil.example',
      '/%5Cevil.example',
      '/%5cevil.example',
      '%2F%2Fevil.example',
      '/%252F%252Fevil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/%09/evil.example',
      '/%0D%0A/evil.example',
      '/settings\\..\\..\\evil',
      '/%E0%A4%A',
    ]) {
      expect(safeNext(value), JSON.stringify(value)).toBe(fallback);
    }
  });
});
