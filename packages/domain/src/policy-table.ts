import {
  DEFAULT_POLICY_SET,
  DONGGUAN_POLICY_SET,
  formatPolicySource,
  POLICY_KEYS,
  POLICY_PARAMETERS,
  POLICY_UNIT_LABELS,
  type PolicyEntry,
} from './policy';

/** Markers around the generated table in packages/domain/README.md. */
export const POLICY_TABLE_START = '<!-- policy-table:start -->';
export const POLICY_TABLE_END = '<!-- policy-table:end -->';

function show(value: unknown): string {
  return value === null ? '—（无）' : JSON.stringify(value).replace(/^"|"$/g, '');
}

/**
 * Every shipped parameter as a Markdown table: key, label, reference value, unit, source, and
 * Dongguan's own value where its notice sets one (the README lists it; a test keeps it current).
 */
export function policyTableMarkdown(): string {
  const rows = POLICY_KEYS.map((key) => {
    const meta = POLICY_PARAMETERS[key];
    // The reference set holds every parameter (a test of the shipped sets checks it).
    const e = DEFAULT_POLICY_SET.parameters[key] as PolicyEntry<unknown>;
    const dg = DONGGUAN_POLICY_SET.parameters[key] as PolicyEntry<unknown> | undefined;
    const source = `${formatPolicySource(e.source)}${e.source.note ? `：${e.source.note}` : ''}`;
    const dongguan =
      dg && JSON.stringify(dg.value) !== JSON.stringify(e.value)
        ? `${show(dg.value)}（${formatPolicySource(dg.source)}）`
        : '';
    return `| \`${key}\` | ${meta.label} | ${show(e.value)} | ${POLICY_UNIT_LABELS[meta.unit]} | ${source} | ${dongguan} |`;
  });
  return [
    '| key | 参数 | 参考值 | 单位 | 来源 | 东莞（东组通〔2015〕34号）另定 |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
