import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: [
            'src/server/**/*.test.ts',
            'src/cli/**/*.test.ts',
            'src/contract/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: ['src/server/test/resilience/**'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Real server processes under faults (database proxy cut, SMTP that never answers): npm run test:resilience.
        test: {
          name: 'resilience',
          include: ['src/server/test/resilience/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'client',
          include: ['src/client/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
    ],
  },
});
