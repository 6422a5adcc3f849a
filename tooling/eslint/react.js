import reactHooks from 'eslint-plugin-react-hooks';
import { baseConfig } from './base.js';

export function reactConfig(tsconfigRootDir) {
  return [
    ...baseConfig(tsconfigRootDir),
    {
      files: ['**/*.tsx', '**/*.ts'],
      plugins: { 'react-hooks': reactHooks },
      rules: {
        'react-hooks/rules-of-hooks': 'error',
        'react-hooks/exhaustive-deps': 'warn',
      },
    },
    {
      // A page component holds its layout: 200 lines before its sections move to their own files.
      files: ['src/**/*.tsx'],
      ignores: ['**/*.test.tsx'],
      rules: {
        'max-lines-per-function': [
          'error',
          { max: 200, skipBlankLines: true, skipComments: true, IIFEs: true },
        ],
      },
    },
  ];
}
