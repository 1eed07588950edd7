// One lint config for the whole monorepo. Boundaries are checked here, not by hope (docs/architecture.md):
// engines in packages/* import no framework, nothing imports another package's src/, no import cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const FRAMEWORKS = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'react',
  'react-dom',
  'antd',
  'express',
  'socket.io',
  'socket.io-client',
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      '**/.turbo/**',
      '**/.data/**',
      'artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { import: importPlugin },
    languageOptions: { globals: { ...globals.node } },
    settings: {
      'import/resolver': {
        typescript: {
          project: ['packages/*/tsconfig.json', 'apps/*/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        },
        node: true,
      },
    },
    rules: {
      'import/no-cycle': 'error',
      // Checked against the nearest package.json: each package declares what it imports.
      'import/no-extraneous-dependencies': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@lowcode/*/src', '@lowcode/*/src/*', '../../packages/*'],
              message: 'Import the package, not its src/.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Engines are framework-free libraries.
    files: ['packages/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: FRAMEWORKS, message: 'Engines import no framework: the apps adapt them.' },
            { group: ['@lowcode/*/src', '@lowcode/*/src/*'], message: 'Import the package, not its src/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/**/*.ts'],
    rules: {
      // Nest's DI reads constructor parameter types at run time; type-only imports would erase them.
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    files: ['**/jest.config.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
