import { Tabs } from 'antd';
import { useState } from 'react';
import type { SetItem } from './policy/types';
import { EffectivePanel } from './policy/EffectivePanel';
import { SetsPanel } from './policy/SetsPanel';
import { ShippedPanel } from './policy/ShippedPanel';
import { OverrideDrawer } from './policy/OverrideDrawer';
export { formatPolicyValue } from './policy/labels';

/** 政策参数: what applies where and why, the shipped sets with sources, and the department's overrides. */
export function PolicyPage() {
  const [editing, setEditing] = useState<SetItem | 'new' | null>(null);
  return (
    <>
      <Tabs
        items={[
          { key: 'effective', label: '适用政策查询', children: <EffectivePanel /> },
          { key: 'sets', label: '本部门参数集', children: <SetsPanel onEdit={setEditing} /> },
          { key: 'shipped', label: '政策文件与参照执行', children: <ShippedPanel /> },
        ]}
      />
      {editing ? (
        <OverrideDrawer set={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}
