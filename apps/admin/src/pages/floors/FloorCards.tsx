import { formatYuan } from '@dangjian/domain';
import { Card, Flex, Typography } from 'antd';
import type { FloorReport } from './types';
import { FLOOR_WORD, ACTUAL_WORD, Verdict } from './verdict';

/** On a phone, each unit's floors as a card: the item, the verdict with its gap, the figures. */
export function FloorCards({ report }: { report: FloorReport }) {
  return (
    <Flex vertical gap={12}>
      {report.units.map((u) => (
        <Card
          key={u.code}
          size="small"
          title={u.name}
          extra={<Typography.Text type="secondary">{u.unmet} 项未达标</Typography.Text>}
        >
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            执行政策：{u.policyLabel}
          </Typography.Paragraph>
          {u.floors.map((r) => (
            <div
              key={r.floor}
              className={r.status === 'unmet' ? 'floor-unmet-card' : undefined}
              style={{ padding: '6px 0', borderTop: '1px solid #f0f0f0' }}
            >
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{r.label}</Typography.Text>
                <Verdict row={r} />
              </Flex>
              {r.kind !== null ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  底线（{FLOOR_WORD[r.kind]}）
                  {r.floorFen === null ? '——' : formatYuan(r.floorFen, { grouped: true })} 元 ·
                  实际（{ACTUAL_WORD[r.kind]}）
                  {r.actualFen === null ? '——' : formatYuan(r.actualFen, { grouped: true })} 元
                  {r.basis[0] ? ` · ${r.basis[0].source}` : ''}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.note}
                </Typography.Text>
              )}
              {r.below.length > 0 ? (
                <div style={{ fontSize: 12 }}>
                  {r.below.slice(0, 10).map((b) => (
                    <div key={b.recordId}>
                      {b.name}（{b.unitName}，{b.postLabel}）：
                      {formatYuan(b.basicPayFen, { grouped: true })} 元，差{' '}
                      <Typography.Text type="danger">
                        {formatYuan(b.shortfallFen, { grouped: true })}
                      </Typography.Text>{' '}
                      元
                    </div>
                  ))}
                  {r.below.length > 10 ? <div>等 {r.below.length} 人</div> : null}
                </div>
              ) : null}
            </div>
          ))}
        </Card>
      ))}
    </Flex>
  );
}
