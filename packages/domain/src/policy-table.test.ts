import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY_KEYS } from './policy';
import { POLICY_TABLE_END, POLICY_TABLE_START, policyTableMarkdown } from './policy-table';

describe('the README documents every shipped parameter', () => {
  it('the table in packages/domain/README.md is the one the policy generates (run `pnpm --filter @dangjian/domain docs:policy` after a change)', () => {
    const readme = readFileSync(path.join(import.meta.dirname, '../README.md'), 'utf8');
    const start = readme.indexOf(POLICY_TABLE_START);
    const end = readme.indexOf(POLICY_TABLE_END);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const table = readme.slice(start + POLICY_TABLE_START.length, end).trim();
    expect(table).toBe(policyTableMarkdown());
    for (const key of POLICY_KEYS) expect(table).toContain(`\`${key}\``);
  });
});
