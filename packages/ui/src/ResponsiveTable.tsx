import { Card, Empty, Flex, Grid, Pagination, Spin, Table, type TableProps } from 'antd';
import type { Key, ReactNode } from 'react';

export interface ResponsiveTableProps<T> extends TableProps<T> {
  /** How one row reads as a card on a phone (below md, 768 px). */
  renderCard: (row: T, index: number) => ReactNode;
}

/**
 * A table on a desktop; on a phone each row becomes a small card (title line first, the rest
 * below), so nothing is squeezed into one-character columns or hidden behind a sideways scroll.
 * The table scrolls inside its own box when it is wider than the page.
 */
export function ResponsiveTable<T extends object>({
  renderCard,
  ...props
}: ResponsiveTableProps<T>) {
  const phone = !(Grid.useBreakpoint().md ?? true);
  if (!phone) return <Table<T> scroll={{ x: 'max-content' }} {...props} />;
  const rows = [...(props.dataSource ?? [])];
  const keyOf = (row: T, i: number): Key =>
    typeof props.rowKey === 'function'
      ? props.rowKey(row, i)
      : typeof props.rowKey === 'string'
        ? (row[props.rowKey as keyof T] as Key)
        : i;
  const pagination = props.pagination;
  return (
    <Spin spinning={Boolean(props.loading)}>
      <Flex vertical gap={8}>
        {rows.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
        {rows.map((row, i) => (
          <Card key={keyOf(row, i)} size="small">
            {renderCard(row, i)}
          </Card>
        ))}
        {pagination ? (
          <Pagination
            size="small"
            simple
            {...pagination}
            style={{ alignSelf: 'center', marginTop: 8 }}
          />
        ) : null}
      </Flex>
    </Spin>
  );
}
