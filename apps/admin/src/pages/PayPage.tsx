import type { RouterInputs } from '@dangjian/api';
import { formatYuan, yuanToFen } from '@dangjian/domain';
import { errorMessage, RegionSplit, regionTitle, useCurrentUser, useTRPC } from '@dangjian/ui';
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Breadcrumb,
  Button,
  Card,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { yearOptions } from './grading/years';
import { PayPreview } from './pay/PayPreview';
import { PayRuns } from './pay/PayRuns';
import { RegionRun } from './pay/RegionRun';

type PayInput = RouterInputs['pay']['preview'];

/**
 * 报酬核算 (常委〔2012〕5号 第七条): the pay of village Party secretaries per township by grade, in the ratios and
 * with the coverage of the policy in force (both stated from the API, never written here).
 */
export function PayPage() {
  const [regionCode, setRegionCode] = useState<string | undefined>();
  return (
    <RegionSplit selected={regionCode} onSelect={setRegionCode} treeWidth={300}>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
        <PayCalculator regionCode={regionCode} />
      </div>
    </RegionSplit>
  );
}

/**
 * The calculator for one township and year: amount and mode in, a preview (./pay/PayPreview) to
 * check, then commit; the runs already committed below (./pay/PayRuns).
 */
function PayCalculator({ regionCode }: { regionCode: string | undefined }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const root = useQuery(trpc.region.root.queryOptions());
  const code = regionCode ?? root.data?.code;
  const path = useQuery(trpc.region.path.queryOptions(code ? { regionCode: code } : skipToken));
  const here = path.data?.at(-1);
  const isTownship = here?.level === 'township';
  const user = useCurrentUser();
  const runsRegion =
    (here?.level === 'county' || here?.level === 'city') &&
    (user.role === 'county_admin' || user.role === 'city_admin');

  const [year, setYear] = useState(() => new Date().getFullYear());
  const [mode, setMode] = useState<'base' | 'pool'>('pool');
  const [amountYuan, setAmountYuan] = useState<number | null>(null);
  const [submitted, setSubmitted] = useState<PayInput | null>(null);
  const [amountError, setAmountError] = useState<string | null>(null);

  const rule = useQuery(trpc.pay.rule.queryOptions(code ? { regionCode: code, year } : skipToken));
  const preview = useQuery({
    ...trpc.pay.preview.queryOptions(submitted ?? skipToken),
    staleTime: 0,
  });
  const commit = useMutation(
    trpc.pay.commit.mutationOptions({
      onSuccess: async (r) => {
        message.success(
          `已提交报酬核算（编号 ${r.id}），合计 ${formatYuan(r.totalFen, { grouped: true })} 元${r.supersedesId ? `，替代了编号 ${r.supersedesId} 的核算` : ''}`,
        );
        await queryClient.invalidateQueries({ queryKey: trpc.pay.runs.pathKey() });
      },
      onError: (e) => message.error(errorMessage(e)),
    }),
  );

  const input = (): PayInput | null => {
    if (!code || !isTownship) return null;
    if (amountYuan === null || amountYuan <= 0) {
      setAmountError(mode === 'base' ? '请填写“好”类基数（元）' : '请填写报酬总额（元）');
      return null;
    }
    let fen: number;
    try {
      fen = yuanToFen(amountYuan, mode === 'base' ? '基数' : '报酬总额');
    } catch (e) {
      setAmountError(errorMessage(e));
      return null;
    }
    setAmountError(null);
    return mode === 'base'
      ? { regionCode: code, year, mode, baseFen: fen }
      : { regionCode: code, year, mode, poolFen: fen };
  };

  const data = preview.data;
  const previewMatches =
    data &&
    submitted &&
    submitted.regionCode === code &&
    submitted.year === year &&
    submitted.mode === mode;
  return (
    <>
      <Card
        title={
          <Space orientation="vertical" size={0}>
            <Breadcrumb items={(path.data ?? []).map((r) => ({ title: r.name }))} />
            <span data-testid="pay-title">
              {here ? `${regionTitle(here)} 村党组织书记报酬核算` : '报酬核算'}
            </span>
          </Space>
        }
      >
        {here && !isTownship ? (
          <Alert
            type="info"
            style={{ marginBottom: 12 }}
            title={
              runsRegion
                ? '报酬以乡镇（街道）为单位核算：请在区划树中选择一个乡镇（街道）；或在下方对本区域全部乡镇统一核算。'
                : '报酬以乡镇（街道）为单位核算：请在区划树中选择一个乡镇（街道）。下方列出本区域内已提交的核算。'
            }
          />
        ) : null}
        <Space wrap align="center" style={{ marginBottom: 12 }}>
          <Select<number>
            aria-label="年度"
            data-testid="pay-year"
            style={{ width: 110 }}
            value={year}
            onChange={(y) => {
              setYear(y);
              setSubmitted(null);
            }}
            options={yearOptions()}
          />
          <Radio.Group
            value={mode}
            onChange={(e) => {
              setMode(e.target.value as 'base' | 'pool');
              setSubmitted(null);
            }}
            optionType="button"
            options={[
              { value: 'pool', label: '按总额分配' },
              { value: 'base', label: '按基数核算' },
            ]}
          />
          <InputNumber<number>
            aria-label={mode === 'base' ? '“好”类基数（元）' : '报酬总额（元）'}
            style={{ width: 220 }}
            min={0.01}
            precision={2}
            step={100}
            placeholder={mode === 'base' ? '“好”类基数' : '报酬总额'}
            suffix="元"
            value={amountYuan}
            onChange={(v) => setAmountYuan(v)}
            formatter={(v) =>
              v === undefined ? '' : String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
            }
            parser={(v) => Number((v ?? '').replace(/,/g, ''))}
          />
          <Button
            type="primary"
            disabled={!isTownship}
            loading={preview.isFetching}
            onClick={() => {
              const next = input();
              if (next) {
                setSubmitted(next);
                void queryClient.invalidateQueries({ queryKey: trpc.pay.preview.pathKey() });
              }
            }}
          >
            预览
          </Button>
          <Popconfirm
            title="提交报酬核算"
            description="提交后不可修改；本乡镇本年度已提交的核算将被本次替代。确定提交？"
            okText="确定提交"
            cancelText="取消"
            disabled={!previewMatches}
            onConfirm={() => {
              if (submitted) commit.mutate(submitted);
            }}
          >
            <Button disabled={!previewMatches} loading={commit.isPending}>
              提交
            </Button>
          </Popconfirm>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }} data-testid="pay-rule">
          {rule.data ? `${rule.data.rule}。` : null}
          只核发村党组织本身的在任书记：驻村的其他领域党组织、村党组织下设的党支部和乡镇（街道）本级党组织不参与；书记空缺的列明、不发放。
          按总额分配时，以分为单位按最大余数法分配，合计与总额分毫不差。
          {rule.data ? `执行政策：${rule.data.policyLabel}。` : null}
        </Typography.Paragraph>
        {amountError ? (
          <Alert type="warning" title={amountError} style={{ marginBottom: 12 }} />
        ) : null}
        {preview.error ? (
          <Alert
            type="error"
            data-testid="pay-error"
            title={errorMessage(preview.error)}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {data ? <PayPreview data={data} /> : null}
      </Card>

      {here && runsRegion ? (
        <RegionRun regionCode={here.code} regionName={here.name} year={year} />
      ) : null}
      <PayRuns regionCode={code} year={year} />
    </>
  );
}
