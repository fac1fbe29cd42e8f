import { defineConfig } from 'vitest/config';

const serverTests = [
  'src/server/**/*.test.ts',
  'src/cli/**/*.test.ts',
  'src/contract/**/*.test.ts',
  'scripts/**/*.test.ts',
];
/** Server test files that use vi.mock (which a shared module graph cannot honour). */
const mockingServerTests = ['src/server/modules/auth/login-timing.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: serverTests,
          exclude: ['src/server/test/resilience/**', ...mockingServerTests],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each test builds its own app and database, so files need no fresh
          // module graph: sharing it per worker cuts the suite's time by half.
          isolate: false,
        },
      },
      {
        // Files that replace a module with vi.mock need their own module graph.
        test: {
          name: 'server-isolated',
          include: mockingServerTests,
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
          // Every file cleans up what it renders and stubs; one jsdom per worker, not per file.
          isolate: false,
        },
      },
    ],
  },
});
