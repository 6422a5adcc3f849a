import type { RouterOutputs } from '@dangjian/api';
import { errorMessage, ResponsiveTable, useTRPC } from '@dangjian/ui';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';

type Row = RouterOutputs['dashboard']['orglife']['rows'][number];

/** 组织生活 on the dashboard: one row per module, with what needs attention and a link. */
export function OrglifeCard({ regionCode, year }: { regionCode?: string; year: number }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const orglife = useQuery({
    ...trpc.dashboard.orglife.queryOptions(regionCode ? { regionCode, year } : skipToken),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      size="small"
      title={`组织生活（${orglife.data?.regionName ?? ''} ${year} 年）`}
      data-testid="orglife-card"
    >
      {orglife.error ? <Alert type="error" title={errorMessage(orglife.error)} /> : null}
      <ResponsiveTable<Row>
        rowKey="module"
        size="small"
        pagination={false}
        renderCard={(r) => (
          <>
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Button
                type="link"
                size="small"
                style={{ paddingInline: 0 }}
                data-testid={`orglife-${r.module}`}
                onClick={() => void navigate(r.path)}
              >
                {r.label}
              </Button>
              <Tag color={r.issues > 0 ? 'red' : 'green'}>{r.issues > 0 ? r.issueLabel : '无'}</Tag>
            </Flex>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }}>
              {r.measure}
            </Typography.Paragraph>
            <div>{r.figure}</div>
          </>
        )}
        loading={orglife.isFetching}
        dataSource={orglife.data?.rows ?? []}
        columns={[
          {
            title: '模块',
            dataIndex: 'label',
            width: 110,
            render: (label: string, r) => (
              <Button
                type="link"
                size="small"
                data-testid={`orglife-${r.module}`}
                onClick={() => void navigate(r.path)}
              >
                {label}
              </Button>
            ),
          },
          { title: '考核内容', dataIndex: 'measure', width: 280 },
          { title: '基本情况', dataIndex: 'figure', width: 220 },
          {
            title: '需关注',
            key: 'issues',
            render: (_: unknown, r) => (
              <Tag color={r.issues > 0 ? 'red' : 'green'}>{r.issues > 0 ? r.issueLabel : '无'}</Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}
