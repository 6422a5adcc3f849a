import { defined, useTRPC } from '@dangjian/ui';
import { useQueryClient } from '@tanstack/react-query';
import { Cascader } from 'antd';
import { useEffect, useState } from 'react';

interface CascaderOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: CascaderOption[];
}

/** A village or community below `root`, picked level by level (loaded as it opens). */
export function VillagePicker(props: {
  root: string;
  onChange: (code: string | undefined) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [options, setOptions] = useState<CascaderOption[]>([]);
  const load = (code: string) =>
    queryClient
      .fetchQuery(trpc.region.children.queryOptions({ regionCode: code }))
      .then((rows) =>
        rows.map((r) => ({ value: r.code, label: r.name, isLeaf: r.level === 'village' })),
      );
  useEffect(() => {
    let live = true;
    void load(props.root).then((o) => {
      if (live) setOptions(o);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.root]);
  return (
    <Cascader<CascaderOption>
      aria-label="村（社区）"
      placeholder="选择乡镇（街道）和村（社区）"
      options={options}
      loadData={(path) => {
        const target = defined(path[path.length - 1]);
        void load(target.value).then((kids) => {
          target.children = kids;
          if (kids.length === 0) target.isLeaf = true;
          setOptions((o) => [...o]);
        });
      }}
      onChange={(path) => {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd passes undefined when the selection is cleared
        const last = path?.[path.length - 1];
        props.onChange(typeof last === 'string' && last.slice(9) !== '000' ? last : undefined);
      }}
      style={{ width: '100%' }}
    />
  );
}
