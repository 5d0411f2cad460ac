// Type-aware lint: a forgotten await inside an IndexedDB transaction is a real bug
// (the transaction auto-commits and the write lands outside it), so the promise rules are errors.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { boundaries } from './eslint.boundaries.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/', '.stryker-tmp/', 'bench/mutation/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'eslint.boundaries.js', 'stryker.config.mjs', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // One import statement per module: several hide what a file really depends on.
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Titles and URLs are hostile input: use textContent.' },
        { property: 'outerHTML', message: 'Titles and URLs are hostile input: use textContent.' },
        { property: 'insertAdjacentHTML', message: 'Titles and URLs are hostile input: use textContent.' }],
    },
  },
  ...boundaries,
  { files: ['eslint.config.js', 'eslint.boundaries.js', 'scripts/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
