import { useTRPC } from '@dangjian/ui';
import { skipToken, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';

/** A search-as-you-type picker over the caller's people (for the secretary) or orgs (for the parent). */
export function RemoteSelect({
  id,
  kind,
  value,
  onChange,
  initialLabel,
  placeholder,
}: {
  id?: string;
  kind: 'person' | 'org';
  value?: number | null;
  onChange?: (v: number | null) => void;
  initialLabel?: string | null;
  placeholder: string;
}) {
  const trpc = useTRPC();
  const root = useQuery(trpc.region.root.queryOptions());
  const [search, setSearch] = useState('');
  const input =
    root.data && search ? { regionCode: root.data.code, search, page: 1, pageSize: 20 } : skipToken;
  const people = useQuery(trpc.person.list.queryOptions(kind === 'person' ? input : skipToken));
  const orgList = useQuery(trpc.org.list.queryOptions(kind === 'org' ? input : skipToken));
  const found =
    kind === 'person'
      ? (people.data?.items ?? []).map((p) => ({
          value: p.id,
          label: `${p.name}（${p.regionName}）`,
        }))
      : (orgList.data?.items ?? []).map((o) => ({
          value: o.id,
          label: `${o.name}（${o.regionName}）`,
        }));
  const options =
    value && initialLabel && !found.some((o) => o.value === value)
      ? [{ value, label: initialLabel }, ...found]
      : found;
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: (v) => setSearch(v.trim()) }}
      allowClear
      placeholder={placeholder}
      value={value ?? undefined}
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- antd passes undefined when the selection is cleared
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={people.isFetching || orgList.isFetching}
      notFoundContent={search ? '没有匹配的结果' : '输入名称搜索'}
    />
  );
}
