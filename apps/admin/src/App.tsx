import { AppShell, RegionTree } from '@dangjian/ui';
import { useState } from 'react';
import { OrgsPage } from './pages/OrgsPage';

export function App() {
  const [regionCode, setRegionCode] = useState<string | undefined>();
  return (
    <AppShell title="组织部管理台" sider={<RegionTree selected={regionCode} onSelect={setRegionCode} />}>
      <OrgsPage regionCode={regionCode} />
    </AppShell>
  );
}
