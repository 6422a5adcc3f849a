import { UndoOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';

export interface FilterBarProps {
  /** The filters: selects, checkboxes, a search box. */
  children: ReactNode;
  /** Clears every filter; shows a 重置 button when given. */
  onReset?: () => void;
}

/** A row of filters that wraps on a narrow screen, with a reset at its end. */
export function FilterBar({ children, onReset }: FilterBarProps) {
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
      {children}
      {onReset ? (
        <Button icon={<UndoOutlined />} onClick={onReset}>
          重置
        </Button>
      ) : null}
    </Flex>
  );
}
