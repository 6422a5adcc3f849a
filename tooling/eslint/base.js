import js from '@eslint/js';
import turbo from 'eslint-plugin-turbo';
import tseslint from 'typescript-eslint';

/**
 * Shared lint rules: type-aware typescript-eslint (TypeScript 6.0 is the newest it supports).
 * Each package calls this with its own directory so the project service finds its tsconfig.
 * Stricter than `recommendedTypeChecked`: no non-null assertions (use `defined()` from
 * @dangjian/db or @dangjian/ui), no conditions that are always true or false, no stale
 * eslint-disable comments, and every environment variable read is declared in turbo.json
 * (turbo hands a task only the variables it declares).
 */
export function baseConfig(tsconfigRootDir) {
  return tseslint.config(
    {
      ignores: [
        'dist/**',
        'coverage/**',
        'test-output/**',
        '.cache/**',
        'drizzle/**',
        '*.config.*',
      ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      linterOptions: { reportUnusedDisableDirectives: 'error' },
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir },
      },
      plugins: { turbo },
      rules: {
        '@typescript-eslint/no-non-null-assertion': 'error',
        '@typescript-eslint/no-unnecessary-condition': 'error',
        // PATH and HOME reach every task; INIT_CWD is set by pnpm for its scripts.
        'turbo/no-undeclared-env-vars': [
          'error',
          { allowList: ['^PATH$', '^HOME$', '^INIT_CWD$'] },
        ],
        '@typescript-eslint/consistent-type-imports': [
          'error',
          { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
        ],
        '@typescript-eslint/no-unused-vars': [
          'error',
          { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
        ],
        '@typescript-eslint/no-misused-promises': [
          'error',
          { checksVoidReturn: { attributes: false } },
        ],
        'no-restricted-syntax': [
          'error',
          {
            selector: "NewExpression[callee.name='Error']",
            message: '用带字段名的类型化错误（DomainError / TRPCError），不要 new Error',
          },
        ],
      },
    },
    {
      // A reader follows a function of a screen or two: longer ones are split into named steps
      // (React components: 200 lines, react.js). Blank and comment lines do not count.
      files: ['src/**/*.ts', 'src/**/*.tsx'],
      ignores: ['**/*.test.ts', '**/*.test.tsx', 'src/testing/**'],
      rules: {
        'max-lines-per-function': [
          'error',
          { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true },
        ],
      },
    },
    {
      files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'scripts/**', 'src/testing/**'],
      rules: { 'no-restricted-syntax': 'off' },
    },
  );
}
