import type { RouterOutputs } from '@dangjian/api';
import { REGION_LEVEL_LABELS } from '@dangjian/domain';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, AutoComplete, Input, Spin, Tree, Typography } from 'antd';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import { useDeferredValue, useMemo, useState } from 'react';
import { errorMessage, useTRPC } from './trpc';
import { defined } from './defined';

type RegionChild = RouterOutputs['region']['children'][number];
type SearchHit = RouterOutputs['region']['search'][number];

interface RegionNode extends DataNode {
  key: string;
  children?: RegionNode[];
}

function toNode(
  r: Pick<RegionChild, 'code' | 'name' | 'level' | 'hasChildren' | 'orgCount'>,
): RegionNode {
  return {
    key: r.code,
    title: (
      <span>
        {r.name}
        <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
          {r.orgCount}
        </Typography.Text>
      </span>
    ),
    isLeaf: !r.hasChildren,
  };
}

export interface RegionTreeProps {
  selected?: string | undefined;
  onSelect: (code: string) => void;
}

/**
 * The region tree (市 → 县 → 乡镇 → 村), loaded one level at a time; each node shows how many
 * Party organisations it holds.
 */
export function RegionTree({ selected, onSelect }: RegionTreeProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const root = useQuery(trpc.region.root.queryOptions());
  const rootCode = root.data?.code;
  const top = useQuery(
    trpc.region.children.queryOptions(rootCode ? { regionCode: rootCode } : skipToken),
  );
  // Children loaded so far, by parent code; the tree is derived from it on every render.
  const [loaded, setLoaded] = useState<Record<string, RegionChild[]>>({});
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query.trim());
  const search = useQuery({
    ...trpc.region.search.queryOptions(deferredQuery ? { query: deferredQuery } : skipToken),
    staleTime: 60_000,
  });

  const treeData = useMemo<RegionNode[]>(() => {
    if (!root.data || !top.data) return [];
    const build = (c: RegionChild): RegionNode => {
      const kids = loaded[c.code];
      return kids ? { ...toNode(c), children: kids.map(build) } : toNode(c);
    };
    const total = top.data.reduce((sum, c) => sum + c.orgCount, 0);
    return [
      {
        ...toNode({ ...root.data, hasChildren: true, orgCount: total }),
        children: top.data.map(build),
      },
    ];
  }, [root.data, top.data, loaded]);

  const error = root.error ?? top.error;
  if (error) return <Alert type="error" title={errorMessage(error)} />;
  if (!root.data || !top.data) return <Spin style={{ margin: 24 }} />;

  const rootData = root.data;
  const loadData = async (node: EventDataNode<RegionNode>) => {
    if (loaded[node.key]) return;
    const children = await queryClient.fetchQuery(
      trpc.region.children.queryOptions({ regionCode: node.key }),
    );
    setLoaded((prev) => ({ ...prev, [node.key]: children }));
  };

  /** Opens the tree down to a found region (loading each level on the way) and selects it. */
  const reveal = async (hit: SearchHit) => {
    const ancestors = hit.path.map((p) => p.code).filter((c) => c !== hit.code);
    const below = ancestors.filter((c) => c !== rootData.code && !loaded[c]);
    const fetched = await Promise.all(
      below.map((c) =>
        queryClient.fetchQuery(trpc.region.children.queryOptions({ regionCode: c })),
      ),
    );
    setLoaded((prev) => {
      const next = { ...prev };
      below.forEach((c, i) => (next[c] = defined(fetched[i])));
      return next;
    });
    setExpanded((prev) => [...new Set([...(prev ?? [rootData.code]), ...ancestors])]);
    setQuery('');
    onSelect(hit.code);
  };
  const hits = search.data ?? [];

  return (
    <div style={{ padding: 8 }} data-testid="region-tree">
      <Typography.Text type="secondary" style={{ display: 'block', margin: '4px 8px 8px' }}>
        行政区划 · 自{REGION_LEVEL_LABELS[root.data.level]}级起 · 数字为党组织数
      </Typography.Text>
      <AutoComplete
        value={query}
        onChange={setQuery}
        style={{ width: '100%', marginBottom: 8 }}
        options={hits.map((h) => ({
          value: h.code,
          label: (
            <span data-testid="region-search-hit">
              {h.name}
              <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                {h.path
                  .slice(1, -1)
                  .map((p) => p.name)
                  .join(' › ')}
              </Typography.Text>
            </span>
          ),
        }))}
        onSelect={(code: string) => {
          const hit = hits.find((h) => h.code === code);
          if (hit) void reveal(hit);
        }}
        notFoundContent={
          deferredQuery && search.isSuccess ? '没有找到名称含此文字的乡镇或村' : null
        }
      >
        <Input.Search
          allowClear
          placeholder="查找乡镇、村（社区）"
          aria-label="查找区划"
          loading={search.isFetching}
        />
      </AutoComplete>
      <Tree<RegionNode>
        treeData={treeData}
        loadData={loadData}
        expandedKeys={expanded ?? [root.data.code]}
        onExpand={(keys) => setExpanded(keys.map(String))}
        selectedKeys={selected ? [selected] : []}
        onSelect={(_keys, info) => onSelect(info.node.key)}
        blockNode
      />
    </div>
  );
}
