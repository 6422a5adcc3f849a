/**
 * The package as someone outside this repository gets it: `pnpm pack` (which builds dist/ and
 * applies publishConfig), `npm install` of the tarball into an empty project in the system's temp
 * folder (zod and @types/node come from the npm registry, nothing from the workspace), then
 * Node.js imports it, every `ts` example of the README runs, and tsc checks a strict NodeNext
 * consumer against the shipped .d.ts.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = path.join(import.meta.dirname, '..');
const tscBin = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** The environment without the npm/pnpm settings of the workspace run (npm_config_*, …). */
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key)),
);

interface ReadmeExample {
  index: number;
  heading: string;
  code: string;
}

/** Every ```ts block of the README, with the heading it sits under. */
function readmeExamples(): ReadmeExample[] {
  const readme = readFileSync(path.join(packageDir, 'README.md'), 'utf8');
  const examples: ReadmeExample[] = [];
  let heading = '';
  let block: string[] | null = null;
  for (const line of readme.split('\n')) {
    if (block === null && /^#{2,3} /.test(line)) heading = line.replace(/^#+ /, '');
    else if (block === null && line.trim() === '```ts') block = [];
    else if (block !== null && line.trim() === '```') {
      examples.push({ index: examples.length + 1, heading, code: block.join('\n') });
      block = null;
    } else if (block !== null) block.push(line);
  }
  return examples;
}

/** A typed consumer: real results through the declarations, and a type error where one belongs. */
const CONSUMER_TS = `import {
  citation,
  computeTownshipPay,
  resolvePolicy,
  type Grade,
  type ResolvedPolicy,
  type TownshipPayResult,
} from '@dangjian/domain';

const policy: ResolvedPolicy = resolvePolicy([], '430702000000', 2026);
const grade: Grade = 'fair';
const ratio: number = policy.values.payRatioFair;
const result: TownshipPayResult = computeTownshipPay(
  { mode: 'base', baseFen: 100, secretaries: [{ id: 'a', grade }] },
  policy,
);
const amount: number | undefined = result.lines[0]?.amountFen;
const cited: string = citation('001', '§7');
// @ts-expect-error grades are 'good' | 'fair' | 'average' | 'poor', not any string
const wrong: Grade = 'excellent';
// @ts-expect-error notices are known by id
citation('999');
export { amount, cited, ratio, wrong };
`;

/** A plain Node ESM script: prints the results the test checks. */
const CHECK_MJS = `import * as domain from '@dangjian/domain';
const policy = domain.resolvePolicy([], '430702000000', 2026);
const pay = domain.computeTownshipPay(
  { mode: 'base', baseFen: 3000000, secretaries: domain.GRADES.map((grade, i) => ({ id: 's' + i, grade })) },
  policy,
);
console.log(JSON.stringify({
  resolved: import.meta.resolve('@dangjian/domain'),
  ratios: domain.GRADES.map((g) => policy.values[domain.payRatioKey(g)]),
  amounts: pay.lines.map((l) => l.amountFen),
  payCitation: domain.citeParameter(policy, 'payRatioPoor'),
  citation: domain.citation('001', '§7、§21'),
  quota: domain.computeRectificationQuota({ orgCounts: { village: 25, community: 40, other: 7 } }, policy).lines.map((l) => l.required),
  yuan: domain.formatYuan(600000),
  domainError: (() => { try { domain.yuanToFen(-1, 'baseYuan'); } catch (e) { return e instanceof domain.DomainError ? e.field : 'other'; } })(),
}));
`;

/** Imports each README example in order; reports the ones that throw. */
const RUN_EXAMPLES_MJS = `const failed = [];
for (const file of process.argv.slice(2)) {
  try {
    await import(new URL(file, import.meta.url).href);
  } catch (e) {
    failed.push({ file, message: e instanceof Error ? e.message : String(e) });
  }
}
console.log(JSON.stringify(failed));
`;

const NODENEXT_TSCONFIG = {
  compilerOptions: {
    target: 'ES2023',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    // zod's and node's declarations are not ours to check (20 s); ours are checked by use below
    // (@ts-expect-error lines fail if a type degrades to any) and by the import test
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  },
  include: ['*.ts', 'examples/*.ts'],
};

let scratch = '';
let consumer = '';
let tarball = '';
const examples = readmeExamples();

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'dangjian-domain-pack-'));
  await run('pnpm', ['pack', '--pack-destination', scratch], {
    cwd: packageDir,
    timeout: 120_000,
  });
  const packed = readdirSync(scratch).filter((f) => f.endsWith('.tgz'));
  expect(packed).toHaveLength(1);
  tarball = path.join(scratch, packed[0] ?? '');

  consumer = path.join(scratch, 'consumer');
  mkdirSync(path.join(consumer, 'examples'), { recursive: true });
  writeFileSync(
    path.join(consumer, 'package.json'),
    JSON.stringify({ name: 'domain-consumer', private: true, type: 'module' }),
  );
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--ignore-scripts',
      '--prefer-offline',
      tarball,
      '@types/node@^20.19',
    ],
    { cwd: consumer, env: cleanEnv, timeout: 120_000 },
  );
  writeFileSync(path.join(consumer, 'consumer.ts'), CONSUMER_TS);
  writeFileSync(path.join(consumer, 'check.mjs'), CHECK_MJS);
  writeFileSync(path.join(consumer, 'run-examples.mjs'), RUN_EXAMPLES_MJS);
  writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify(NODENEXT_TSCONFIG, null, 2));
  for (const e of examples) {
    const name = `examples/${String(e.index).padStart(2, '0')}`;
    writeFileSync(path.join(consumer, `${name}.ts`), e.code);
    const js = ts.transpileModule(e.code, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(path.join(consumer, `${name}.mjs`), js);
  }
}, 240_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const installed = () => path.join(consumer, 'node_modules/@dangjian/domain');

describe('the packed package works outside this repository', { timeout: 60_000 }, () => {
  it('the scratch project lives outside the workspace', () => {
    expect(path.relative(path.join(packageDir, '../..'), consumer).startsWith('..')).toBe(true);
  });

  it('the tarball points exports, main and types at the built dist/ and carries no test, no workspace protocol and no private flag', () => {
    const manifestText = readFileSync(path.join(installed(), 'package.json'), 'utf8');
    const manifest = JSON.parse(manifestText) as Record<string, unknown>;
    expect(manifest.exports).toEqual({
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
    });
    expect(manifest.main).toBe('./dist/index.js');
    expect(manifest.types).toBe('./dist/index.d.ts');
    expect(manifest.private).toBeUndefined();
    expect(manifest.license).toBe('UNLICENSED');
    expect(manifest.dependencies).toEqual({ zod: expect.stringMatching(/^\^4\./) as unknown });
    expect(manifestText).not.toMatch(/workspace:|catalog:/);
    const dist = readdirSync(path.join(installed(), 'dist'));
    expect(dist).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'index.d.ts.map']));
    const shipped = [...dist, ...readdirSync(path.join(installed(), 'src'))];
    expect(shipped.filter((f) => f.includes('.test.'))).toEqual([]);
    expect(readdirSync(installed())).toEqual(
      expect.arrayContaining(['README.md', 'CHANGELOG.md', 'package.json']),
    );
  });

  it('the built modules and declarations import each other by file names with .js, as Node ESM and NodeNext require', () => {
    const dist = path.join(installed(), 'dist');
    // Recursive: rule families may live in folders (members/), imported as ./members/index.js.
    const files = (readdirSync(dist, { recursive: true }) as string[])
      .map((f) => f.split(path.sep).join('/'))
      .filter((f) => f.endsWith('.js') || f.endsWith('.d.ts'));
    const imports = files.flatMap((file) =>
      [...readFileSync(path.join(dist, file), 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) => ({
        file,
        specifier: m[1] ?? '',
      })),
    );
    expect(imports.length).toBeGreaterThan(50);
    expect(files).toContain('members/index.js');
    const broken = imports.filter(
      ({ file, specifier }) =>
        !specifier.endsWith('.js') ||
        !files.includes(path.posix.join(path.posix.dirname(file), specifier)),
    );
    expect(broken).toEqual([]);
  });

  it('a Node ESM script imports it and gets the grade-to-pay ratios 1 : 0.9 : 0.8 : 0.7 with their citation 常委〔2012〕5号 第七条', async () => {
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: consumer });
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(out.resolved).toMatch(/node_modules\/@dangjian\/domain\/dist\/index\.js$/);
    expect(out).toMatchObject({
      ratios: [1, 0.9, 0.8, 0.7],
      amounts: [3_000_000, 2_700_000, 2_400_000, 2_100_000],
      payCitation: '常委〔2012〕5号 第七条',
      citation: '常委〔2012〕5号 第七条、第二十一条',
      quota: [3, 2, 1],
      yuan: '6000.00',
      domainError: 'baseYuan',
    });
  });

  it('every ts example of the README runs as written against the installed package', async () => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
    const files = examples.map((e) => `./examples/${String(e.index).padStart(2, '0')}.mjs`);
    const { stdout } = await run(process.execPath, ['run-examples.mjs', ...files], {
      cwd: consumer,
    });
    const failed = (JSON.parse(stdout) as { file: string; message: string }[]).map((f) => {
      const e = examples[Number(/(\d+)\.mjs$/.exec(f.file)?.[1]) - 1];
      return `example ${f.file} under "${e?.heading ?? '?'}": ${f.message}`;
    });
    expect(failed).toEqual([]);
  });

  it('the declarations type-check a strict NodeNext consumer and every README example (tsc)', async () => {
    const result = await run(process.execPath, [tscBin, '-p', 'tsconfig.json'], {
      cwd: consumer,
    }).then(
      () => '',
      (e: unknown) =>
        e !== null && typeof e === 'object' && 'stdout' in e ? String(e.stdout) : String(e),
    );
    expect(result).toBe('');
  });
});

describe('the package depends on nothing else in the repository', () => {
  it('its runtime dependencies are zod alone, none from the workspace', () => {
    const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(['zod']);
    expect(manifest.peerDependencies).toBeUndefined();
  });

  it('its source imports only its own modules and zod', () => {
    const sources = readdirSync(path.join(packageDir, 'src')).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    const outside = sources.flatMap((file) =>
      [
        ...readFileSync(path.join(packageDir, 'src', file), 'utf8').matchAll(
          /\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'\s*\)|^import\s+'([^']+)'/gm,
        ),
      ]
        .map((m) => m[1] ?? m[2] ?? m[3] ?? '')
        .filter((spec) => !spec.startsWith('./') && spec !== 'zod')
        .map((spec) => `${file}: ${spec}`),
    );
    expect(outside).toEqual([]);
  });
});
