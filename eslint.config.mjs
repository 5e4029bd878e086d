// The rules of the VS Code extension samples (microsoft/vscode-extension-samples), for every
// TypeScript file of the extension, its page script and its tests.
import typescriptEslint from 'typescript-eslint';

export default [
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '.stryker-tmp/**', 'reports/**'] },
  {
    files: ['**/*.ts'],
    plugins: { '@typescript-eslint': typescriptEslint.plugin },
    languageOptions: { parser: typescriptEslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/naming-convention': ['warn', { selector: 'import', format: ['camelCase', 'PascalCase'] }],
      curly: 'warn',
      eqeqeq: 'warn',
      'no-throw-literal': 'warn',
      semi: 'warn',
    },
  },
];
