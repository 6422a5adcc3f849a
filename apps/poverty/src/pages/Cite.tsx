import { citeNotice, type NoticeId } from '@dangjian/domain';
import { Tooltip } from 'antd';

/** A citation in people's words (常委〔2012〕5号 第六条) with the notice's title on hover or tap. */
export function Cite({ notice, section }: { notice: NoticeId; section?: string }) {
  const c = citeNotice(notice, section);
  return <Source text={c.text} title={c.title} />;
}

/** A source already in people's words, with its title (if any) on hover or tap. */
export function Source({ text, title }: { text: string; title?: string | null }) {
  if (!title) return <span>{text}</span>;
  return (
    <Tooltip title={title}>
      <span style={{ textDecoration: 'underline dotted', cursor: 'help' }}>{text}</span>
    </Tooltip>
  );
}
