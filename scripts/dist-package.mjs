// Writes dist/package.json: the npm package of the widget (ES module + wasm + .d.ts).
import { readFileSync, writeFileSync } from 'node:fs';
const root = JSON.parse(readFileSync(new URL('../package.json', import.meta.url)));
const pkg = {
  name: root.name,
  version: root.version,
  description: root.description,
  license: root.license,
  type: 'module',
  main: './loyalty-scorecard.js',
  types: './loyalty-scorecard.d.ts',
  // The Custom Elements Manifest: the elements' attributes, events, CSS parts and custom
  // properties, for editors and framework wrappers.
  customElements: 'custom-elements.json',
  exports: {
    '.': { types: './loyalty-scorecard.d.ts', default: './loyalty-scorecard.js' },
    './core': { types: './pkg/loyalty_scorecard.d.ts', default: './pkg/loyalty_scorecard.js' },
    './scorecard.css': './scorecard.css',
    './expectation-calculator': { types: './expectation-calculator.d.ts', default: './expectation-calculator.js' },
    './pkg/loyalty_scorecard_bg.wasm': './pkg/loyalty_scorecard_bg.wasm',
    './pkg/convert_bg.wasm': './pkg/convert_bg.wasm',
    './custom-elements.json': './custom-elements.json',
  },
  files: ['loyalty-scorecard.js', 'loyalty-scorecard.d.ts', 'worker.js', 'scorecard.css',
    'expectation-calculator.js', 'expectation-calculator.d.ts', 'calculator.css', 'custom-elements.json', 'pkg/'],
  sideEffects: ['./loyalty-scorecard.js', './expectation-calculator.js'],
};
writeFileSync(new URL('../dist/package.json', import.meta.url), JSON.stringify(pkg, null, 2) + '\n');
console.log('dist/: npm package written (ES module, wasm, TypeScript declarations)');
