import { Alert, Card, Col, Row, Statistic } from 'antd';
import { percentText, type Overview } from './charts';

/** The region's headline figures. */
export function Headline({ data }: { data: Overview }) {
  const stats = [
    { title: '贫困村', value: data.total.registered, testid: 'stat-registered' },
    { title: '其中市级帮扶', value: data.total.cityHelped, testid: 'stat-city' },
    { title: '已派工作队', value: data.total.withTeam, testid: 'stat-teams' },
    {
      title: '覆盖率',
      value: percentText(data.total.coverage.percent),
      testid: 'stat-coverage',
    },
    {
      title: `近${data.activityWindowDays}天有日志的村`,
      value: data.total.activeVillages,
      testid: 'stat-active',
    },
    {
      title: `近${data.activityWindowDays}天日志`,
      value: data.total.recentEntries,
      testid: 'stat-entries',
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {stats.map((s) => (
        <Col xs={12} md={8} xl={4} key={s.testid}>
          <Card size="small">
            <Statistic
              title={s.title}
              value={s.value}
              valueRender={(v) => <span data-testid={s.testid}>{v}</span>}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** Whether every registered village has a team whose leader is its first secretary. */
export function GapsAlert({ data }: { data: Overview }) {
  return data.gaps.length > 0 ? (
    <Alert
      type="warning"
      showIcon
      message={`覆盖缺口 ${data.gaps.length} 处：未派驻工作队 ${data.coverage.villagesWithoutTeam.length} 个村，工作队无队长 ${data.coverage.teamsWithoutLeader.length} 支，队长未任第一书记 ${data.coverage.leadersNotFirstSecretary.length} 支（详见“覆盖检查”）`}
    />
  ) : (
    <Alert type="success" showIcon message="贫困村已全部派驻工作队，队长均任第一书记" />
  );
}
