import { Tag } from 'antd';

export const MODE_LABELS = { base: '按基数核算', pool: '按总额分配' } as const;
export const STATUS = {
  committed: <Tag color="green">已提交</Tag>,
  superseded: <Tag>已被替代</Tag>,
} as const;
