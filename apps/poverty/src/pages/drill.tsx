import { useTRPC } from '@dangjian/ui';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb } from 'antd';
import { useState } from 'react';

/** Drill-down from the caller's own region: the current region and a breadcrumb back up. */
export function useRegionDrill() {
  const trpc = useTRPC();
  const root = useQuery(trpc.region.root.queryOptions());
  const [path, setPath] = useState<{ code: string; name: string }[]>([]);
  const crumbs = [...(root.data ? [{ code: root.data.code, name: root.data.name }] : []), ...path];
  const breadcrumb = (
    <Breadcrumb
      items={crumbs.map((c, i) => ({
        key: c.code,
        title:
          i === crumbs.length - 1 ? (
            c.name
          ) : (
            <a
              href="#"
              onClick={(e) => {
                e.preventDefault();
                setPath(path.slice(0, i));
              }}
            >
              {c.name}
            </a>
          ),
      }))}
    />
  );
  return {
    root: root.data,
    current: path.at(-1)?.code ?? root.data?.code,
    breadcrumb,
    drill: (code: string, name: string) => setPath([...path, { code, name }]),
  };
}
