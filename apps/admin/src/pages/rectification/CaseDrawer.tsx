import { errorMessage, useTRPC } from '@dangjian/ui';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Problem, Correction } from './caseTypes';
import { STATUS_COLORS } from './status';
import { CorrectionTimeline } from './CorrectionHistory';
import { CaseSummary } from './CaseSummary';
import { ProblemCard } from './ProblemCard';
import { EntryModal } from './EntryModal';
import { CorrectionModal } from './CorrectionModal';
import { CloseModal } from './CloseModal';
import { AcceptModal } from './AcceptModal';

/** A case: its plan, every problem with its ledger, close-out and acceptance (002 §2, §5; 000 §1). */
export function CaseDrawer(props: {
  id: number | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detail = useQuery(
    trpc.rectification.byId.queryOptions(props.id === null ? skipToken : { id: props.id }),
  );
  const [entryFor, setEntryFor] = useState<Problem | null>(null);
  const [closeFor, setCloseFor] = useState<Problem | null>(null);
  const [accepting, setAccepting] = useState(false);
  /** The correction dialog open: add a problem, correct one or the case, withdraw one or the case. */
  const [correcting, setCorrecting] = useState<Correction | null>(null);
  const changed = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.rectification.pathKey() });
    props.onChanged();
  };
  const c = detail.data;
  const writable = c ? c.status !== 'accepted' && c.withdrawn === null : false;
  const correctable = c?.correctable ?? false;
  return (
    <Drawer
      open={props.id !== null}
      onClose={props.onClose}
      size={920}
      title={
        <span data-testid="case-title">
          {c ? `${c.orgName} · ${c.year} 年整顿方案` : '整顿方案'}
        </span>
      }
      extra={
        c ? (
          <Space wrap>
            <Tag
              color={c.withdrawn ? 'default' : STATUS_COLORS[c.status]}
              data-testid="case-status"
            >
              {c.statusLabel}
            </Tag>
            {correctable ? (
              <>
                <Button size="small" onClick={() => setCorrecting({ kind: 'addProblem' })}>
                  补充问题
                </Button>
                <Button size="small" onClick={() => setCorrecting({ kind: 'correctCase' })}>
                  更正方案
                </Button>
                <Button size="small" danger onClick={() => setCorrecting({ kind: 'withdrawCase' })}>
                  撤销
                </Button>
              </>
            ) : null}
            {c.withdrawn === null &&
            (c.status === 'ready_for_acceptance' || c.status === 'failed_acceptance') ? (
              <Button type="primary" onClick={() => setAccepting(true)}>
                考核验收
              </Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      {detail.error ? <Alert type="error" title={errorMessage(detail.error)} /> : null}
      {c ? (
        <>
          {c.withdrawn ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`该整顿对象已于 ${new Date(c.withdrawn.at).toLocaleString('zh-CN', { hour12: false })} 撤销，不计入整顿数量`}
              description={`原因：${c.withdrawn.reason}`}
            />
          ) : null}
          <CaseSummary c={c} />
          <Typography.Title level={5}>问题清单与整顿台账</Typography.Title>
          {c.problems.map((p) => (
            <ProblemCard
              key={p.id}
              problem={p}
              caseYear={c.year}
              writable={writable}
              onCorrect={(kind) => setCorrecting({ kind, problem: p })}
              onEntry={() => setEntryFor(p)}
              onClose={() => setCloseFor(p)}
            />
          ))}
          <Typography.Title level={5}>更正记录</Typography.Title>
          <CorrectionTimeline detail={c} />
          <CorrectionModal
            detail={c}
            correction={correcting}
            today={c.today}
            onClose={() => setCorrecting(null)}
            onDone={changed}
          />
          <EntryModal
            problem={entryFor}
            today={c.today}
            onClose={() => setEntryFor(null)}
            onDone={changed}
          />
          <CloseModal
            problem={closeFor}
            today={c.today}
            onClose={() => setCloseFor(null)}
            onDone={changed}
          />
          <AcceptModal
            caseId={accepting ? c.id : null}
            today={c.today}
            onClose={() => setAccepting(false)}
            onDone={changed}
          />
        </>
      ) : null}
    </Drawer>
  );
}
