/** Rewrites the shipped-parameter table in README.md from the policy (see policy-table.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { POLICY_TABLE_END, POLICY_TABLE_START, policyTableMarkdown } from '../src/policy-table';

const file = path.join(import.meta.dirname, '../README.md');
const readme = readFileSync(file, 'utf8');
const start = readme.indexOf(POLICY_TABLE_START);
const end = readme.indexOf(POLICY_TABLE_END);
if (start < 0 || end < start)
  throw new Error(`README.md: markers ${POLICY_TABLE_START} … ${POLICY_TABLE_END} not found`);
writeFileSync(
  file,
  `${readme.slice(0, start + POLICY_TABLE_START.length)}\n${policyTableMarkdown()}\n${readme.slice(end)}`,
);
console.log('README.md: policy table rewritten');
