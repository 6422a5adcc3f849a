import { MEMBER_DEV_STAGE_LABELS, MEMBER_DEV_STAGES, type MemberDevStage } from '@dangjian/domain';
import { FilterBar } from '@dangjian/ui';
import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { chinaToday } from '../orglife/shared';
import type {
  Candidate,
  CandidateLedgerState,
  Overview,
  PreFilingRow,
  Stagnant,
  Structure,
  Unit,
  useDevelopmentActions,
} from './data';

type Actions = ReturnType<typeof useDevelopmentActions>;

function percent(p: number | null): string {
  return p === null ? '——' : `${p.toFixed(2)}%`;
}

/** 计划执行: each control unit's yearly quota against the members it developed. */
export function QuotaTable(props: {
  data: Overview | undefined;
  loading: boolean;
  year: number;
  /** City administrators hand down quotas. */
  canSetQuota: boolean;
  /** City and county administrators register a reported excess. */
  canReport: boolean;
  report: Actions['report'];
  onSetQuota: (unit: Unit) => void;
}) {
  const { report, year } = props;
  return (
    <Table<Unit>
      rowKey="id"
      size="small"
      loading={props.loading}
      dataSource={props.data?.quota.units ?? []}
      pagination={false}
      columns={[
        { title: '控制单位', dataIndex: 'name' },
        { title: '类别', dataIndex: 'kindLabel', width: 90 },
        {
          title: '年度计划',
          key: 'quota',
          width: 100,
          align: 'right',
          render: (_: unknown, u) => (u.planned ? u.quota : <Tag>未下达</Tag>),
        },
        { title: '已发展', dataIndex: 'developed', width: 90, align: 'right' },
        {
          title: '超计划',
          dataIndex: 'excess',
          width: 90,
          align: 'right',
          render: (n: number) => (n > 0 ? n : ''),
        },
        {
          title: '结论',
          key: 'status',
          width: 150,
          render: (_: unknown, u) =>
            u.unreportedExcess ? (
              <Tag color="red">超计划未报告</Tag>
            ) : u.mustReport ? (
              <Tag color="orange">已报告（{u.excessReportedOn}）</Tag>
            ) : (
              <Tag color="green">计划内</Tag>
            ),
        },
        {
          title: '操作',
          key: 'op',
          width: 190,
          render: (_: unknown, u) => (
            <Space>
              {props.canSetQuota ? (
                <Button size="small" onClick={() => props.onSetQuota(u)}>
                  下达计划
                </Button>
              ) : null}
              {props.canReport && u.unreportedExcess ? (
                <Button
                  size="small"
                  loading={report.isPending}
                  onClick={() =>
                    report.mutate({ unitId: u.id, year, excessReportedOn: chinaToday() })
                  }
                >
                  登记已报告
                </Button>
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** 农村新党员结构: per county, the shares of young and better-educated new rural members. */
export function StructureTable({
  data,
  loading,
}: {
  data: Overview | undefined;
  loading: boolean;
}) {
  return (
    <Table<Structure>
      rowKey="countyCode"
      size="small"
      loading={loading}
      dataSource={data?.structure ?? []}
      pagination={false}
      columns={[
        { title: '区县', dataIndex: 'countyName' },
        { title: '新发展农村党员', dataIndex: 'total', align: 'right' },
        {
          title: data ? `${data.youngMaxAge} 岁以下` : '青年党员',
          key: 'young',
          align: 'right',
          render: (_: unknown, s) => (
            <Typography.Text type={s.youngMet ? undefined : 'danger'}>
              {percent(s.young.percent)}（{s.young.numerator}/{s.young.denominator}）
            </Typography.Text>
          ),
        },
        {
          title: '高中以上',
          key: 'edu',
          align: 'right',
          render: (_: unknown, s) => (
            <Typography.Text type={s.educationMet ? undefined : 'danger'}>
              {percent(s.highSchoolOrAbove.percent)}（{s.highSchoolOrAbove.numerator}/
              {s.highSchoolOrAbove.denominator}）
            </Typography.Text>
          ),
        },
        {
          title: '须事前备案',
          key: 'need',
          align: 'right',
          render: (_: unknown, s) => s.needPreFiling.length,
        },
        {
          title: '未事前备案',
          key: 'not',
          align: 'right',
          render: (_: unknown, s) =>
            s.notPreFiled.length > 0 ? <Tag color="red">{s.notPreFiled.length}</Tag> : 0,
        },
      ]}
    />
  );
}

/** The two-year rule: villages that developed nobody, what they owe this year, the nomination bar. */
export function StagnantTable({ data, loading }: { data: Overview | undefined; loading: boolean }) {
  return (
    <Table<Stagnant>
      rowKey="orgId"
      size="small"
      loading={loading}
      dataSource={data?.stagnant ?? []}
      pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个` }}
      columns={[
        { title: '党组织', dataIndex: 'orgName' },
        { title: '乡镇（街道）', dataIndex: 'townshipName', width: 120 },
        { title: '书记', dataIndex: 'secretaryName', width: 90 },
        {
          title: '此前连续未发展',
          dataIndex: 'streakBeforeYear',
          width: 120,
          align: 'right',
          render: (n: number) => `${n} 年`,
        },
        {
          title: '今年',
          key: 'year',
          width: 170,
          render: (_: unknown, s) =>
            !s.mustDevelopThisYear ? (
              `已发展 ${s.developedThisYear} 名`
            ) : s.obligationMet ? (
              <Tag color="green">已发展 {s.developedThisYear} 名</Tag>
            ) : (
              <Tag color="red">须至少发展一名</Tag>
            ),
        },
        {
          title: '书记提名',
          key: 'bar',
          width: 190,
          render: (_: unknown, s) =>
            s.secretaryNominationBarred ? <Tag color="red">不得提名为下届书记候选人</Tag> : null,
        },
      ]}
    />
  );
}

/** 待备案: rural candidates to be filed with the city before admission. */
export function PreFilingTable(props: {
  data: Overview | undefined;
  loading: boolean;
  canFile: boolean;
  preFile: Actions['preFile'];
}) {
  const { preFile } = props;
  return (
    <Table<PreFilingRow>
      rowKey="id"
      size="small"
      loading={props.loading}
      dataSource={props.data?.preFiling ?? []}
      pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 人` }}
      columns={[
        { title: '姓名', dataIndex: 'name', width: 100 },
        { title: '年龄', dataIndex: 'age', width: 70, align: 'right' },
        { title: '文化程度', dataIndex: 'educationLabel', width: 110 },
        { title: '阶段', dataIndex: 'stageLabel', width: 110 },
        { title: '党组织', dataIndex: 'orgName' },
        {
          title: '备案原因',
          key: 'why',
          render: (_: unknown, c) => c.preFilingReasons.join('、'),
        },
        {
          title: '操作',
          key: 'op',
          width: 120,
          render: (_: unknown, c) =>
            props.canFile ? (
              <Button
                size="small"
                onClick={() => preFile.mutate({ candidateId: c.id, preFiledOn: chinaToday() })}
              >
                登记已备案
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

/** 发展党员台账: every candidate by stage, with filters and the next-stage button. */
export function CandidateLedger({
  ledger,
  onAdvance,
}: {
  ledger: CandidateLedgerState;
  onAdvance: (candidate: Candidate) => void;
}) {
  const { candidates } = ledger;
  return (
    <>
      <FilterBar>
        <Select<MemberDevStage>
          aria-label="发展阶段"
          allowClear
          placeholder="发展阶段"
          style={{ width: 150 }}
          value={ledger.stage}
          onChange={ledger.filterStage}
          options={MEMBER_DEV_STAGES.map((s) => ({
            value: s,
            label: MEMBER_DEV_STAGE_LABELS[s],
          }))}
        />
        <Input.Search
          allowClear
          placeholder="姓名"
          style={{ width: 180 }}
          onSearch={ledger.filterName}
        />
      </FilterBar>
      <Table<Candidate>
        rowKey="id"
        size="small"
        loading={candidates.isFetching}
        dataSource={candidates.data?.items ?? []}
        pagination={{
          current: ledger.page,
          pageSize: 20,
          total: candidates.data?.total ?? 0,
          onChange: ledger.setPage,
          showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 人`,
        }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '年龄', dataIndex: 'age', width: 60, align: 'right' },
          { title: '文化程度', dataIndex: 'educationLabel', width: 100 },
          { title: '阶段', dataIndex: 'stageLabel', width: 100 },
          { title: '日期', dataIndex: 'stageSince', width: 110 },
          { title: '党组织', dataIndex: 'orgName' },
          {
            title: '备案',
            key: 'filing',
            width: 140,
            render: (_: unknown, c) =>
              c.preFilingReasons.length === 0 ? null : c.preFiledOn ? (
                `已备案 ${c.preFiledOn}`
              ) : (
                <Tag color="orange">须备案（{c.preFilingReasons.join('、')}）</Tag>
              ),
          },
          {
            title: '操作',
            key: 'op',
            width: 120,
            render: (_: unknown, c) =>
              c.stage === 'full' ? null : (
                <Button size="small" onClick={() => onAdvance(c)}>
                  转下一阶段
                </Button>
              ),
          },
        ]}
      />
    </>
  );
}
