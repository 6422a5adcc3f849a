import type { RouterOutputs } from '@dangjian/api';
import { formatYuan, yuanToFen } from '@dangjian/domain';
import { downloadBase64, errorMessage, useTRPC, XLSX_MIME } from '@dangjian/ui';
import { DownloadOutlined } from '@ant-design/icons';
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  InputNumber,
  Popconfirm,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';

type Job = RouterOutputs['pay']['regionJob'];

const JOB_STATUS: Record<Job['status'], React.ReactNode> = {
  pending: <Tag color="processing">进行中</Tag>,
  done: <Tag color="green">已完成</Tag>,
  cancelled: <Tag>已取消</Tag>,
  failed: <Tag color="red">未完成</Tag>,
};

/** What the job row says, in a sentence. */
function jobText(job: Job): string {
  const yuan = formatYuan(job.totalFen, { grouped: true });
  if (job.status === 'done') {
    return `${job.message ?? ''}：${job.lineCount} 人，合计 ${yuan} 元`;
  }
  if (job.status === 'pending') {
    const seconds = Math.max(0, Math.round((Date.now() - job.createdAt.getTime()) / 1000));
    return `正在核算${job.regionName}共 ${job.townshipsTotal} 个乡镇（街道），已用时 ${seconds} 秒；全部写入后一次提交，取消则全部撤回`;
  }
  return job.message ?? '';
}

/** The job being run, its mutations, and the list of jobs, for RegionRun. */
function useRegionRun(regionCode: string, year: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useQuery({
    ...trpc.pay.regionJob.queryOptions(jobId === null ? skipToken : { id: jobId }),
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? 1000 : false),
  });
  const jobs = useQuery(trpc.pay.regionJobs.queryOptions({ regionCode, year }));
  const refresh = async () => {
    await Promise.all(
      [trpc.pay.regionJob, trpc.pay.regionJobs, trpc.pay.runs].map((p) =>
        queryClient.invalidateQueries({ queryKey: p.pathKey() }),
      ),
    );
  };
  const commit = useMutation(
    trpc.pay.commitRegion.mutationOptions({
      onSuccess: (r) => {
        if (r.job.status === 'done') {
          message.success(
            `统一核算完成：${r.townships.length} 个乡镇（街道），合计 ${formatYuan(r.job.totalFen, { grouped: true })} 元`,
          );
        } else message.warning(r.job.message ?? '统一核算未完成');
      },
      onError: (e) => message.error(errorMessage(e)),
      onSettled: refresh,
    }),
  );
  const start = useMutation(
    trpc.pay.startRegion.mutationOptions({
      onSuccess: (j) => {
        setJobId(j.id);
        void refresh();
        commit.mutate({ id: j.id });
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );
  const cancel = useMutation(
    trpc.pay.cancelRegion.mutationOptions({
      onSuccess: () => message.info('已取消统一核算，未写入任何数据'),
      onError: (e) => message.error(errorMessage(e)),
      onSettled: refresh,
    }),
  );
  return { job: job.data, jobs, start, cancel };
}

/** Downloads the region's payroll (one sheet per township). */
function useRegionExport(regionCode: string, year: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [exporting, setExporting] = useState(false);
  const exportPayroll = async () => {
    setExporting(true);
    try {
      const file = await queryClient.fetchQuery(
        trpc.pay.exportRegionPayroll.queryOptions({ regionCode, year }),
      );
      downloadBase64(file.filename, file.base64, XLSX_MIME);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  return { exporting, exportPayroll };
}

const ALERT_TYPES = {
  done: 'success',
  pending: 'info',
  failed: 'error',
  cancelled: 'warning',
} as const;

/** The job's state in one line (spinner while it runs). */
function JobAlert({ job }: { job: Job }) {
  return (
    <Alert
      data-testid="pay-region-status"
      style={{ marginBottom: 12 }}
      type={ALERT_TYPES[job.status]}
      icon={job.status === 'pending' ? <Spin size="small" /> : undefined}
      showIcon
      title={
        <span>
          {JOB_STATUS[job.status]}编号 {job.id}：{jobText(job)}
        </span>
      }
    />
  );
}

/** The region runs made in the region and year, newest first. */
function JobsTable({ jobs, loading }: { jobs: readonly Job[]; loading: boolean }) {
  return (
    <Table<Job>
      data-testid="pay-region-jobs"
      rowKey="id"
      size="small"
      dataSource={[...jobs]}
      loading={loading}
      pagination={{ pageSize: 5, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '编号', dataIndex: 'id', width: 60 },
        { title: '区域', dataIndex: 'regionName', width: 100 },
        {
          title: '状态',
          dataIndex: 'status',
          width: 80,
          render: (s: Job['status']) => JOB_STATUS[s],
        },
        { title: '乡镇', dataIndex: 'townshipsDone', width: 60, align: 'right' },
        { title: '人数', dataIndex: 'lineCount', width: 60, align: 'right' },
        {
          title: '合计（元）',
          dataIndex: 'totalFen',
          width: 130,
          align: 'right',
          render: (f: number) => formatYuan(f, { grouped: true }),
        },
        { title: '发起人', dataIndex: 'createdByName', width: 90 },
        {
          title: '时间',
          dataIndex: 'createdAt',
          width: 160,
          render: (d: Date) => d.toLocaleString('zh-CN'),
        },
      ]}
    />
  );
}

/**
 * 统一核算 (常委〔2012〕5号 第十七条 基本报酬实行统一打卡发放): a county or a city pays every township at
 * once, one “好” base for all, each township's pay by its grades as its own run would. Starts a
 * job, runs it, polls its state (kept in the database, so any server process answers) and can
 * cancel it before it commits; then the payroll with one sheet per township.
 */
export function RegionRun({
  regionCode,
  regionName,
  year,
}: {
  regionCode: string;
  regionName: string;
  year: number;
}) {
  const [baseYuan, setBaseYuan] = useState<number | null>(null);
  const [baseError, setBaseError] = useState<string | null>(null);
  const { job, jobs, start, cancel } = useRegionRun(regionCode, year);
  const { exporting, exportPayroll } = useRegionExport(regionCode, year);
  const run = () => {
    if (baseYuan === null || baseYuan <= 0) {
      setBaseError('请填写“好”类基数（元）');
      return;
    }
    try {
      const baseFen = yuanToFen(baseYuan, '基数');
      setBaseError(null);
      start.mutate({ regionCode, year, baseFen });
    } catch (e) {
      setBaseError(errorMessage(e));
    }
  };
  const pending = job?.status === 'pending' || start.isPending;
  return (
    <Card title={`${regionName} 统一核算（${year} 年度）`} data-testid="pay-region">
      <Typography.Paragraph type="secondary">
        以县（市、区）为单位统一打卡发放基本报酬（常委〔2012〕5号
        第十七条）：对本区域每个乡镇（街道）按同一“好”类基数、按各村党组织的等次系数一次核算，与逐个乡镇核算的结果分毫不差；各乡镇本年度已提交的核算被本次替代。全部写入后一次提交，中途取消则全部撤回。
      </Typography.Paragraph>
      <Space wrap align="center" style={{ marginBottom: 12 }}>
        <InputNumber<number>
          aria-label="统一“好”类基数（元）"
          data-testid="pay-region-base"
          style={{ width: 220 }}
          min={0.01}
          precision={2}
          step={100}
          placeholder="“好”类基数"
          suffix="元"
          value={baseYuan}
          onChange={(v) => setBaseYuan(v)}
        />
        <Popconfirm
          title="统一核算"
          description={`按此基数核算${regionName}全部乡镇（街道）？各乡镇本年度已提交的核算将被替代。`}
          okText="开始核算"
          cancelText="取消"
          disabled={pending}
          onConfirm={run}
        >
          <Button type="primary" disabled={pending} loading={pending}>
            统一核算
          </Button>
        </Popconfirm>
        {job?.status === 'pending' ? (
          <Button danger loading={cancel.isPending} onClick={() => cancel.mutate({ id: job.id })}>
            取消核算
          </Button>
        ) : null}
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={() => void exportPayroll()}
        >
          导出发放表（分乡镇）
        </Button>
      </Space>
      {baseError ? <Alert type="warning" title={baseError} style={{ marginBottom: 12 }} /> : null}
      {job ? <JobAlert job={job} /> : null}
      <JobsTable jobs={jobs.data ?? []} loading={jobs.isFetching} />
    </Card>
  );
}
