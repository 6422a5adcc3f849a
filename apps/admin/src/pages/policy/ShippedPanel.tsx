import { errorMessage, useCurrentUser, useTRPC } from '@dangjian/ui';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Tooltip, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ShippedSet, ParamRow } from './types';
import { paramColumns } from './paramColumns';
import { AdoptModal } from './AdoptModal';

export function ShippedPanel() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const shipped = useQuery(trpc.policy.shipped.queryOptions());
  const [adopting, setAdopting] = useState<ShippedSet | null>(null);
  const canAdopt = user.role === 'city_admin' || user.role === 'county_admin';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type="info"
        title="每份政策文件约束发文地区及其下级；其他地区须经组织部门决定“参照执行”后才适用。本地区文件和参照执行均未规定的参数，按系统参考值计算并如实标注。"
      />
      {shipped.error ? <Alert type="error" title={errorMessage(shipped.error)} /> : null}
      {(shipped.data ?? []).map((s) => (
        <Card
          key={s.id}
          data-testid={`notice-${s.id}`}
          title={
            s.kind === 'system' ? (
              '系统参考值'
            ) : (
              <Tooltip title={s.title}>
                <span>
                  {s.noticeName}
                  <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
                    {s.issuer}
                  </Typography.Text>
                </span>
              </Tooltip>
            )
          }
          extra={
            <Space wrap>
              {s.kind === 'system' ? (
                <Typography.Text type="secondary">不约束任何地区</Typography.Text>
              ) : (
                <Typography.Text type="secondary">
                  适用于{s.regionName}及其下级 · {s.fromYear} 年起
                </Typography.Text>
              )}
              {s.bindsCaller ? <Tag color="red">本地区文件</Tag> : null}
              {s.adoptedByCaller ? <Tag color="blue">已参照执行</Tag> : null}
              {s.kind === 'notice' && !s.bindsCaller && canAdopt ? (
                <Button size="small" onClick={() => setAdopting(s)}>
                  参照执行
                </Button>
              ) : null}
            </Space>
          }
        >
          {s.title ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {s.title}
            </Typography.Paragraph>
          ) : null}
          <Table<ParamRow>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={s.parameters}
            columns={paramColumns()}
            scroll={{ x: 640 }}
          />
        </Card>
      ))}
      {adopting ? <AdoptModal notice={adopting} onClose={() => setAdopting(null)} /> : null}
    </Space>
  );
}
