import { Typography } from 'antd';

/** A rule sentence with its citation (from the policy in force). */
export function Rule(props: {
  rule: { text: string; citation: string } | undefined;
  prefix?: string;
}) {
  if (!props.rule) return null;
  return (
    <Typography.Paragraph type="secondary" data-testid="upgrade-rule">
      {props.prefix}
      {props.rule.text}（{props.rule.citation}）。
    </Typography.Paragraph>
  );
}
