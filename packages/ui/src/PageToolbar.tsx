import { Flex, Select, Typography } from 'antd';
import type { ReactNode } from 'react';

const THIS_YEAR = new Date().getFullYear();

/** This year and the four before it, newest first: the year select of a yearly page. */
export const YEAR_OPTIONS = Array.from({ length: 5 }, (_, i) => THIS_YEAR - i).map((y) => ({
  value: y,
  label: `${y} 年`,
}));

export interface PageToolbarProps {
  /** The page title, already naming the region looked at (「启明街道村（社区）党组织书记后备干部」). */
  title: ReactNode;
  /** data-testid of the title (the browser tests read it). */
  testId?: string;
  /** A yearly page: the year looked at and how to change it. */
  year?: { value: number; onChange: (year: number) => void; options?: typeof YEAR_OPTIONS };
  /** Buttons after the year select (登记、导出 Excel …). */
  actions?: ReactNode;
}

/**
 * The head of a page: the title on the left, the year select and the actions on the right; on a
 * phone the actions wrap below the title instead of squeezing it.
 */
export function PageToolbar({ title, testId, year, actions }: PageToolbarProps) {
  return (
    <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
      <Typography.Title level={5} style={{ margin: 0, minWidth: 0 }} data-testid={testId}>
        {title}
      </Typography.Title>
      {year || actions ? (
        <Flex gap={8} wrap align="center">
          {year ? (
            <Select
              aria-label="年度"
              value={year.value}
              onChange={year.onChange}
              options={year.options ?? YEAR_OPTIONS}
              style={{ width: 110 }}
            />
          ) : null}
          {actions}
        </Flex>
      ) : null}
    </Flex>
  );
}
