import { DownOutlined, EnvironmentOutlined, UpOutlined } from '@ant-design/icons';
import { REGION_LEVEL_LABELS, type RegionLevel } from '@dangjian/domain';
import { skipToken, useQuery } from '@tanstack/react-query';
import { Button, Card, Grid } from 'antd';
import { useState, type ReactNode } from 'react';
import { RegionTree } from './RegionTree';
import { useTRPC } from './trpc';

/** A region's name with its level, without nesting brackets: 「启明街道 · 乡镇（街道）」. */
export function regionTitle(region: { name: string; level: RegionLevel }): string {
  return `${region.name} · ${REGION_LEVEL_LABELS[region.level]}`;
}

export interface RegionSplitProps {
  /** The region picked in the tree (undefined: the caller's own region). */
  selected: string | undefined;
  onSelect: (code: string) => void;
  /** The page next to (desktop) or below (phone) the tree. */
  children: ReactNode;
  /** The tree column's width on a desktop (default 280). */
  treeWidth?: number;
}

/**
 * The region tree beside a page on a desktop (≥ lg); on a phone the page comes first under a
 * one-line bar naming the region, and the tree opens from that bar in a short scrolling box
 * (it closes again once a region is picked).
 */
export function RegionSplit({ selected, onSelect, children, treeWidth = 280 }: RegionSplitProps) {
  const desktop = Grid.useBreakpoint().lg ?? true;
  const [open, setOpen] = useState(false);
  const trpc = useTRPC();
  const root = useQuery(trpc.region.root.queryOptions());
  const code = selected ?? root.data?.code;
  const path = useQuery(
    trpc.region.path.queryOptions(!desktop && code ? { regionCode: code } : skipToken),
  );
  if (desktop) {
    return (
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <Card
          size="small"
          style={{ width: treeWidth, flexShrink: 0 }}
          styles={{ body: { padding: 0 } }}
        >
          <RegionTree selected={selected} onSelect={onSelect} />
        </Card>
        <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
      </div>
    );
  }
  const names = (path.data ?? []).map((r) => r.name);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, minWidth: 0 }}>
      <Card size="small" styles={{ body: { padding: open ? 0 : 4 } }}>
        <Button
          type="text"
          block
          icon={<EnvironmentOutlined />}
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          data-testid="region-toggle"
          style={{ display: 'flex', justifyContent: 'flex-start', minWidth: 0 }}
        >
          <span
            style={{
              flex: 1,
              minWidth: 0,
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              whiteSpace: 'nowrap',
              textAlign: 'start',
            }}
          >
            {names.length > 0 ? names.join(' › ') : '选择区划'}
          </span>
          {open ? <UpOutlined /> : <DownOutlined />}
        </Button>
        {open ? (
          <div style={{ maxHeight: 320, overflow: 'auto' }}>
            <RegionTree
              selected={selected}
              onSelect={(c) => {
                onSelect(c);
                setOpen(false);
              }}
            />
          </div>
        ) : null}
      </Card>
      <div style={{ minWidth: 0 }}>{children}</div>
    </div>
  );
}
