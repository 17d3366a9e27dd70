// One lint baseline for the monorepo, with the dependency-direction rules of the style guide (rule 2).
import tseslint from 'typescript-eslint';

const boundaries = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

// Cross-workspace imports go through package names, never through another workspace's source folder (rule 1).
const noReachingIntoWorkspaces = [
  { group: ['**/libs/*/src/**', '**/apps/*/src/**', '../../libs/**', '../../../libs/**'], message: 'Import a workspace by its package name (@imilo/…).' },
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', 'dist/**', 'out-tsc/**', '.angular/**', '.data/**', 'coverage/**', 'bench/results/**', 'e2e/artifacts/**', '**/*.cjs', '**/*.js', '**/*.mjs'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      curly: ['error', 'all'],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
      'no-process-env': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/explicit-member-accessibility': ['error', { accessibility: 'no-public' }],
      ...boundaries(noReachingIntoWorkspaces),
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: boundaries([
      ...noReachingIntoWorkspaces,
      { group: ['@angular/*', '@ngrx/*', 'rxjs', 'rxjs/*', 'express', 'sequelize', 'pg', 'pg-boss', 'passport*', '@imilo/ui', '@imilo/web', '@imilo/bff', 'node:*'], message: 'libs/domain is pure TypeScript: no framework, no I/O.' },
    ]),
  },
  {
    files: ['libs/ui/**/*.ts'],
    rules: boundaries([
      ...noReachingIntoWorkspaces,
      { group: ['@ngrx/*', '@angular/common/http', '@angular/router', '@imilo/web', '@imilo/bff'], message: 'libs/ui is presentational: no Store, HttpClient or Router.' },
    ]),
  },
  {
    files: ['apps/web/**/*.ts'],
    rules: boundaries([
      ...noReachingIntoWorkspaces,
      { group: ['@imilo/bff', '**/apps/bff/**', 'express', 'sequelize', 'pg'], message: 'The PWA talks to the BFF over HTTP only.' },
    ]),
  },
  {
    files: ['apps/bff/**/*.ts'],
    rules: boundaries([
      ...noReachingIntoWorkspaces,
      { group: ['@imilo/web', '@imilo/ui', '**/apps/web/**', '@angular/*', '@ngrx/*'], message: 'The BFF never imports the PWA.' },
    ]),
  },
  {
    // Type-aware rules where a forgotten await loses data or an error: the BFF and the domain.
    files: ['apps/bff/**/*.ts', 'libs/domain/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }] },
  },
  {
    // Tests, scripts and benchmarks print and read their environment on purpose.
    files: ['**/*.spec.ts', 'apps/bff/test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', '**/scripts/**/*.ts'],
    rules: { 'no-console': 'off', 'no-process-env': 'off' },
  },
  {
    files: ['apps/bff/src/platform/config.ts'],
    rules: { 'no-process-env': 'off' },
  },
);
