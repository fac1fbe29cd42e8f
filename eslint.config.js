import fs from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import pluginQuery from '@tanstack/eslint-plugin-query';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

const features = fs.existsSync('src/client/features') ? fs.readdirSync('src/client/features') : [];

// The layers of STYLE.md: contract <- server, contract <- client; app -> features -> components/lib;
// no feature imports another.
const zones = [
  {
    target: './src/contract',
    from: ['./src/server', './src/client', './src/cli'],
    message: 'contract imports neither side',
  },
  {
    target: './src/client',
    from: ['./src/server', './src/cli'],
    message: 'client code never imports server code',
  },
  {
    target: './src/server',
    from: ['./src/client', './src/cli'],
    message: 'server code never imports client code',
  },
  {
    // Type-only imports do not count as cycles for import-x/no-cycle, so this keeps the old circle
    // (service -> app.ts -> every route -> service) from coming back.
    target: ['./src/server/{db,lib,mail,modules,plugins}/**/!(*.test|*.worker).ts', './src/server/deps.ts'],
    from: './src/server/app.ts',
    message: 'take the deps type from server/deps.ts; only main.ts and tests build the app',
  },
  { target: './src/cli', from: ['./src/server', './src/client'], message: 'the CLI speaks to the API only' },
  {
    target: './src/client/features',
    from: './src/client/app',
    message: 'features do not import the app layer',
  },
  {
    target: ['./src/client/components', './src/client/lib'],
    from: ['./src/client/features', './src/client/app'],
    message: 'shared UI does not depend on features or the app',
  },
  ...features.map((name) => ({
    target: `./src/client/features/${name}`,
    from: './src/client/features',
    except: [`./${name}`],
    message: 'features never import each other; share through components/ or lib/',
  })),
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'data', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    settings: {
      // The boundary zones and the cycle rule follow TypeScript files, through tsconfig.json's paths.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
          tsconfig: { configFile: './tsconfig.json' },
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      // No import circles (docs/decisions/023): packages are not followed, so the walk stays inside the repo.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through src/server/config.ts.',
        },
      ],
    },
  },
  {
    files: [
      'src/server/config.ts',
      'src/server/test/**',
      'src/cli/**',
      'scripts/**',
      'e2e/**',
      '*.config.ts',
      'vite.config.ts',
      'bin/**',
      'src/server/db/seed*.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    extends: [jsxA11y.flatConfigs.recommended],
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...pluginQuery.configs.recommended.rules,
      // Single-purpose pages (sign in, setup) focus their first field, as users expect.
      'jsx-a11y/no-autofocus': 'off',
    },
  },
  {
    files: ['src/server/**/*.ts'],
    ignores: [
      'src/server/**/*.repository.ts',
      'src/server/db/**',
      'src/server/test/**',
      'src/server/**/*.test.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kysely',
              message: 'Only repositories (and db/) talk to the database.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
