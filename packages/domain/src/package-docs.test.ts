import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTICES } from './notices';

const readme = readFileSync(path.join(import.meta.dirname, '../README.md'), 'utf8');
/** The README's prose: without fenced code blocks and inline code spans. */
const prose = readme.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');

describe('the package README speaks in citations people use', () => {
  it('cites notices by document number and article, never by seed id and section (001 §7)', () => {
    const seedStyle = prose
      .split('\n')
      .filter((line) => /§\s*\d|(?<![\d,.])00\d(?![\d,])/.test(line));
    expect(seedStyle).toEqual([]);
  });

  it('links nothing outside the package (the published README stands alone)', () => {
    expect(readme).not.toMatch(/\]\(\.\.\//);
  });

  it('heads every rule family with the notices it implements and shows a runnable example', () => {
    const families = readme.split('\n### ').slice(1);
    expect(families.length).toBeGreaterThanOrEqual(10);
    const documents = Object.values(NOTICES).map((n) => n.document ?? n.shortName);
    const uncited = families
      .map((f) => f.split('\n')[0] ?? '')
      .filter((heading) => !/Money|Models/.test(heading))
      .filter((heading) => !documents.some((d) => heading.includes(d)));
    expect(uncited).toEqual([]);
    const withoutExample = families
      .filter((f) => !f.startsWith('Models'))
      .filter((f) => !f.includes('```ts'))
      .map((f) => f.split('\n')[0]);
    expect(withoutExample).toEqual([]);
  });
});
