// Proves that a CommonJS consumer can require() every built package on Node >= 20.19 (require(esm)).
const { readdirSync, existsSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dirs = [
  ...['core', 'testkit', 'opentelemetry'].map((d) => path.join(root, 'packages', d)),
  ...readdirSync(path.join(root, 'packages', 'adapters')).map((d) => path.join(root, 'packages', 'adapters', d)),
];
let failures = 0;
for (const dir of dirs) {
  const pkg = require(path.join(dir, 'package.json'));
  const entry = path.join(dir, 'dist', 'index.js');
  if (!existsSync(entry)) {
    console.error(`${pkg.name}: ${entry} missing (run the build first)`);
    failures += 1;
    continue;
  }
  try {
    const mod = require(entry);
    const names = Object.keys(mod);
    if (names.length === 0) throw new Error('no exports');
    console.log(`${pkg.name}: require() ok (${names.length} exports)`);
  } catch (error) {
    console.error(`${pkg.name}: require() failed: ${error.message}`);
    failures += 1;
  }
}
process.exit(failures === 0 ? 0 : 1);
