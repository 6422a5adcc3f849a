import { Tooltip, Space, Typography } from 'antd';

/** A citation with the notice's full title on hover. */
export function Citation({
  text,
  title,
  note,
}: {
  text: string;
  title: string | null;
  note?: string | null;
}) {
  return (
    <Space orientation="vertical" size={0}>
      {title ? (
        <Tooltip title={title}>
          <span style={{ borderBottom: '1px dotted' }}>{text}</span>
        </Tooltip>
      ) : (
        <span>{text}</span>
      )}
      {note ? <Typography.Text type="secondary">{note}</Typography.Text> : null}
    </Space>
  );
}
