import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Shared lint rules: type-aware typescript-eslint (TypeScript 6.0 is the newest it supports).
 * Each package calls this with its own directory so the project service finds its tsconfig.
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
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir },
      },
      rules: {
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
      files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'scripts/**', 'src/testing/**'],
      rules: { 'no-restricted-syntax': 'off' },
    },
  );
}
