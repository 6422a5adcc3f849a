import { GRADES } from '@dangjian/domain';
import { Col, Row, Statistic } from 'antd';
import { percentText, type Child, type Overview } from './charts';

/** The region's headline figures: organisations graded, each upgrade rate, floors met. */
export function Headline({ data, rows }: { data: Overview; rows: readonly Child[] }) {
  const graded = GRADES.reduce((t, g) => t + rows.reduce((s, c) => s + c.grades[g], 0), 0);
  const floorsMet = data.floors.units.reduce((t, u) => t + u.met, 0);
  const floorsEvaluated = data.floors.units.reduce((t, u) => t + u.evaluated, 0);
  return (
    <Row gutter={[16, 16]} data-testid="dashboard-headline">
      <Col xs={12} sm={8} xl={6}>
        <Statistic title={`${data.year} 年已定级党组织`} value={graded} />
      </Col>
      {data.upgrade.map((l) => (
        <Col xs={12} sm={8} xl={4} key={l.grade}>
          <Statistic
            title={`“${l.label}”类${l.measure === 'retain' ? '巩固率' : '晋位升级率'}（目标 ${l.targetPercent}%）`}
            value={percentText(l.rate.percent)}
            styles={{
              content: { color: l.met === false ? '#cf1322' : l.met ? '#389e0d' : undefined },
            }}
          />
        </Col>
      ))}
      <Col xs={12} sm={8} xl={2}>
        <Statistic title="保障底线" value={`${floorsMet}/${floorsEvaluated}`} />
      </Col>
    </Row>
  );
}
