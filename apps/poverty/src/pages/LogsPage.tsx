import { TEAM_TASK_AREA_LABELS, TEAM_TASK_AREAS, type TeamTaskArea } from '@dangjian/domain';
import { useTRPC } from '@dangjian/ui';
import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { WorkLogList } from './WorkLogList';

/** 工作日志: every team's log in the caller's region, by task area and dates. */
export function LogsPage() {
  const trpc = useTRPC();
  const root = useQuery(trpc.region.root.queryOptions());
  const [area, setArea] = useState<TeamTaskArea | null>(null);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  return (
    <Card
      size="small"
      title="工作日志"
      extra={
        <Space wrap>
          <Select
            allowClear
            placeholder="工作内容"
            style={{ width: 150 }}
            value={area}
            onChange={(v: TeamTaskArea | null | undefined) => setArea(v ?? null)}
            options={TEAM_TASK_AREAS.map((a) => ({ value: a, label: TEAM_TASK_AREA_LABELS[a] }))}
            aria-label="工作内容"
          />
          <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} />
        </Space>
      }
    >
      {root.data ? (
        <WorkLogList
          key={`${area}-${range?.[0]?.format('YYYY-MM-DD')}-${range?.[1]?.format('YYYY-MM-DD')}`}
          regionCode={root.data.code}
          area={area}
          from={range?.[0]?.format('YYYY-MM-DD') ?? null}
          to={range?.[1]?.format('YYYY-MM-DD') ?? null}
        />
      ) : null}
    </Card>
  );
}
