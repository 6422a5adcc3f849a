import { Typography } from 'antd';

/** The rule sentence of a list, with the policy in force. */
export function Rule(props: { text: string | undefined; policyLabel: string | undefined }) {
  if (!props.text) return null;
  return (
    <Typography.Paragraph type="secondary">
      {props.text}。执行政策：{props.policyLabel}
    </Typography.Paragraph>
  );
}
