import {
  KEY_RECTIFICATION_FLAG_LABELS,
  RECTIFICATION_CRITERIA,
  RECTIFICATION_CRITERION_LABELS,
} from '@dangjian/domain';
import { Descriptions, Tag } from 'antd';
import type { CaseDetail } from './caseTypes';

/** The case's plan at a glance: org, criteria, key flags, work team, cadre, election, history, acceptance. */
export function CaseSummary({ c }: { c: CaseDetail }) {
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered style={{ marginBottom: 16 }}>
      <Descriptions.Item label="党组织">{c.orgName}</Descriptions.Item>
      <Descriptions.Item label="所在区划">
        {c.countyName} {c.regionName}
      </Descriptions.Item>
      <Descriptions.Item label="党员数">{c.memberCount}</Descriptions.Item>
      <Descriptions.Item label="书记">
        {c.secretaryName} {c.secretaryPhone}
      </Descriptions.Item>
      <Descriptions.Item label="整顿标准" span={2}>
        {c.criteria
          .map(
            (k) =>
              `（${RECTIFICATION_CRITERIA.indexOf(k) + 1}）${RECTIFICATION_CRITERION_LABELS[k]}`,
          )
          .join('；')}
      </Descriptions.Item>
      <Descriptions.Item label="重点整顿情形" span={2}>
        {c.keyFlags.length
          ? c.keyFlags.map((f) => (
              <Tag key={f} color="red">
                {KEY_RECTIFICATION_FLAG_LABELS[f]}
              </Tag>
            ))
          : '无'}
      </Descriptions.Item>
      <Descriptions.Item label="工作班子">
        {c.workTeam.leader}
        {c.workTeam.members.length ? `；成员：${c.workTeam.members.join('、')}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label="包联领导干部">
        {c.leadingCadre.name}（{c.leadingCadre.post}）
      </Descriptions.Item>
      <Descriptions.Item label="推迟换届">
        {c.electionPostponed ? `是，计划 ${c.electionCompletionDate ?? '——'} 完成换届` : '否'}
      </Descriptions.Item>
      <Descriptions.Item label="整顿历程">
        {c.history.length
          ? `${c.firstListedYear} 年列入，${c.history.map((h) => h.year).join('、')} 年未整顿到位结转`
          : `${c.year} 年列入`}
      </Descriptions.Item>
      {c.acceptance ? (
        <Descriptions.Item label="考核验收" span={2}>
          {c.acceptance.by === 'county' ? '县（市、区）' : '乡镇（街道）'}于{' '}
          {c.acceptance.acceptedOn} 验收，
          {c.acceptance.passed ? '通过' : '未通过'}；
          {c.acceptance.publicOpinionHeard ? '已听取群众意见' : '未听取群众意见'}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}
