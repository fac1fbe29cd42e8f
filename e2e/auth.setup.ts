import fs from 'node:fs';
import path from 'node:path';
import { test as setup, expect } from '@playwright/test';
import { e2eOrganization, ownerStateFile } from './env.ts';

setup('create the organization and sign in its first owner', async ({ request }) => {
  const response = await request.post('/api/v2/setup', {
    data: e2eOrganization,
    headers: { 'x-requested-with': 'roster' },
  });
  expect(response.status(), await response.text()).toBe(201);
  fs.mkdirSync(path.dirname(ownerStateFile), { recursive: true });
  await request.storageState({ path: ownerStateFile });
});
