import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { RowMenu, RowMenuItem, RowMenuSeparator } from './row-menu.tsx';

afterEach(cleanup);

async function open(name: string) {
  // Radix opens on pointerdown (mouse) or on Enter/Space; keyboard is what jsdom does reliably.
  fireEvent.keyDown(screen.getByRole('button', { name }), { key: 'Enter' });
  // The menu loads on first use; the real trigger then replaces its stand-in.
  await screen.findByRole('menu', undefined, { timeout: 5000 });
  return screen.getByRole('button', { name });
}

describe('RowMenu', () => {
  it('is a named ⋯ button that focus can return to, with plain, hinted and destructive items', async () => {
    const renamed = vi.fn();
    render(
      <RowMenu label="Actions for Research" rowId="cloud-1">
        <RowMenuItem onSelect={renamed}>Rename…</RowMenuItem>
        <RowMenuItem disabled hint="Only its creator or an owner can terminate it.">
          Terminate…
        </RowMenuItem>
        <RowMenuSeparator />
        <RowMenuItem destructive>Remove…</RowMenuItem>
      </RowMenu>,
    );
    const trigger = await open('Actions for Research');
    expect(trigger.getAttribute('data-row-actions')).toBe('cloud-1');
    const items = screen.getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Rename…',
      'Terminate…Only its creator or an owner can terminate it.',
      'Remove…',
    ]);
    expect(items[1]!.getAttribute('aria-disabled')).toBe('true');
    expect(items[2]!.className).toMatch(/text-red-700/);
    fireEvent.click(items[0]!);
    expect(renamed).toHaveBeenCalledOnce();
  });

  it('says what is going on while the row is busy', () => {
    render(
      <RowMenu label="Actions for nb-1" pendingLabel="Duplicating nb-1">
        <RowMenuItem>Duplicate as workspace</RowMenuItem>
      </RowMenu>,
    );
    const trigger = screen.getByRole('button', { name: 'Duplicating nb-1' });
    expect(trigger.getAttribute('aria-busy')).toBe('true');
  });

  it('is the only ⋯ row menu: no feature draws its own trigger', () => {
    const features = path.resolve(import.meta.dirname, '../../features');
    const files = fs
      .readdirSync(features, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.tsx') && !file.endsWith('.test.tsx'));
    const own = files.filter((file) => {
      const source = fs.readFileSync(path.join(features, file), 'utf8');
      return source.includes('<circle cx="3" cy="8"') || /aria-hidden[^>]*>\s*⋯\s*</.test(source);
    });
    expect(own, 'Use RowMenu from components/ui/row-menu.tsx').toEqual([]);
  });
});
