/**
 * Builds the package for use outside this workspace: `dist/` with ES modules, `.d.ts` type
 * declarations and their maps (tsconfig.build.json), then gives every relative import an explicit
 * `.js` extension, which Node's ESM loader and `moduleResolution: "NodeNext"` require. The source
 * keeps extensionless imports (the workspace consumes `src/` through a bundler-style resolution).
 *
 * Fails, naming the file, when a relative import does not lead to a built module.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
// Built aside and swapped in at the end, so a build running at the same time (turbo's build task
// and the pack test) never sees a half-written dist/.
const staging = path.join(root, '.cache', `dist-${process.pid}`);

rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(
  process.execPath,
  [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', staging],
  { stdio: 'inherit' },
);

/** `from './x'`, `export * from "./x"`, `import('./x')`, `import './x'` with a relative specifier. */
const RELATIVE_SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\2/g;

function withExtension(file: string, specifier: string): string {
  if (/\.(?:js|json)$/.test(specifier)) return specifier;
  const target = path.resolve(path.dirname(file), specifier);
  if (existsSync(`${target}.js`)) return `${specifier}.js`;
  if (existsSync(path.join(target, 'index.js'))) return `${specifier}/index.js`;
  throw new Error(
    `${path.relative(root, file)}: import "${specifier}" does not lead to a built module`,
  );
}

/** Source and declaration maps point at ../src from dist/, not from the staging folder. */
function relocateMap(file: string): string {
  const map = JSON.parse(readFileSync(file, 'utf8')) as { sources?: string[] };
  map.sources = (map.sources ?? []).map((s) =>
    path
      .relative(
        path.join(dist, path.relative(staging, path.dirname(file))),
        path.resolve(path.dirname(file), s),
      )
      .split(path.sep)
      .join('/'),
  );
  return JSON.stringify(map);
}

function rewrite(dir: string): number {
  let count = 0;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      count += rewrite(file);
      continue;
    }
    if (name.endsWith('.map')) {
      writeFileSync(file, relocateMap(file));
      continue;
    }
    if (!name.endsWith('.js') && !name.endsWith('.d.ts')) continue;
    const text = readFileSync(file, 'utf8');
    const next = text.replace(
      RELATIVE_SPECIFIER,
      (_match, lead: string, quote: string, specifier: string) =>
        `${lead}${quote}${withExtension(file, specifier)}${quote}`,
    );
    if (next !== text) {
      writeFileSync(file, next);
      count += 1;
    }
  }
  return count;
}

const rewritten = rewrite(staging);
rmSync(dist, { recursive: true, force: true });
renameSync(staging, dist);
console.log(`dist: built, relative imports given .js extensions in ${rewritten} files`);
