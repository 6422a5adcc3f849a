import type { ParamRow } from './types';
import { formatPolicyValue } from './labels';
import { Citation } from './Citation';

export function paramColumns() {
  return [
    { title: '参数', dataIndex: 'label', width: 280 },
    {
      title: '值',
      key: 'value',
      width: 220,
      render: (_: unknown, r: ParamRow) => formatPolicyValue(r.value, r.unit, r.unitLabel),
    },
    {
      title: '依据',
      key: 'source',
      render: (_: unknown, r: ParamRow) => (
        <Citation text={r.source} title={r.sourceTitle} note={r.sourceNote} />
      ),
    },
  ];
}
