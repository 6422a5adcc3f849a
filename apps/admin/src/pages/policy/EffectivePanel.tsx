import { errorMessage, useCurrentUser, useTRPC } from '@dangjian/ui';
import { skipToken, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Card,
  Tooltip,
  Descriptions,
  InputNumber,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { RegionSelect } from '../UsersPage';
import type { EffectiveRow } from './types';
import { KIND_COLORS, formatPolicyValue } from './labels';
import { Citation } from './Citation';

export function EffectivePanel() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const [regionCode, setRegionCode] = useState(user.regionCode);
  const [year, setYear] = useState<number | null>(new Date().getFullYear());
  const effective = useQuery(
    trpc.policy.effective.queryOptions(year ? { regionCode, year } : skipToken),
  );
  return (
    <Card title="适用政策查询" data-testid="effective-panel">
      <Space wrap style={{ marginBottom: 16 }}>
        <span>区划</span>
        <RegionSelect value={regionCode} onChange={setRegionCode} style={{ width: 260 }} />
        <span>年度</span>
        <InputNumber
          aria-label="查询年度"
          min={1949}
          max={2200}
          precision={0}
          value={year}
          onChange={setYear}
        />
      </Space>
      {effective.error ? (
        <Alert type="error" title={errorMessage(effective.error)} style={{ marginBottom: 16 }} />
      ) : null}
      {effective.data ? (
        <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
          <Descriptions.Item label="适用于">
            {effective.data.regionName} · {effective.data.year} 年
          </Descriptions.Item>
          <Descriptions.Item label="适用政策">
            <span data-testid="policy-label">{effective.data.label}</span>
          </Descriptions.Item>
          <Descriptions.Item label="其中">
            <Space wrap size={[4, 4]}>
              {effective.data.inForce.map((s) => (
                <Tooltip key={s.id} title={s.citation?.title ?? s.name}>
                  <Tag color={KIND_COLORS[s.kind]}>
                    {s.kindLabel}
                    {s.regionName && s.kind !== 'system' ? `（${s.regionName}）` : ''}：
                    {s.kind === 'system' ? `${s.parameters} 项` : (s.citation?.text ?? s.name)}
                  </Tag>
                </Tooltip>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      <Table<EffectiveRow>
        rowKey="key"
        size="small"
        loading={effective.isFetching}
        dataSource={effective.data?.parameters ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        columns={[
          { title: '参数', dataIndex: 'label', width: 280 },
          {
            title: '适用值',
            key: 'value',
            width: 220,
            render: (_: unknown, r) => formatPolicyValue(r.value, r.unit, r.unitLabel),
          },
          {
            title: '来自',
            key: 'set',
            width: 300,
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={0}>
                <span>
                  <Tag color={KIND_COLORS[r.kind]}>{r.kindLabel}</Tag>
                  {r.kind === 'system'
                    ? '本地区文件未规定，也未参照执行'
                    : r.kind === 'notice'
                      ? (r.setRegionName ?? '')
                      : r.kind === 'adopted'
                        ? `${r.setRegionName ?? ''}决定参照`
                        : `${r.setRegionName ?? ''} · ${r.setName}（第 ${r.setVersion} 版）`}
                </span>
                {r.effectiveDate ? (
                  <Typography.Text type="secondary">自 {r.effectiveDate} 起执行</Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            title: '依据',
            key: 'source',
            render: (_: unknown, r) => (
              <Citation text={r.source} title={r.sourceTitle} note={r.sourceNote} />
            ),
          },
        ]}
      />
    </Card>
  );
}
