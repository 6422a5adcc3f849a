import { RegionSplit } from '@dangjian/ui';
import { Tabs } from 'antd';
import { useState } from 'react';
import { OrgTable } from './orgs/OrgTable';
import { PeopleTable } from './orgs/PeopleTable';
export { applyServerFieldErrors } from './orgs/fieldErrors';

/** Organisations and people of the region picked in the tree (default: the user's own). */
export function OrgsPage() {
  const [regionCode, setRegionCode] = useState<string | undefined>();
  return (
    <RegionSplit selected={regionCode} onSelect={setRegionCode} treeWidth={300}>
      <Tabs
        items={[
          { key: 'orgs', label: '党组织', children: <OrgTable regionCode={regionCode} /> },
          { key: 'people', label: '人员', children: <PeopleTable regionCode={regionCode} /> },
        ]}
      />
    </RegionSplit>
  );
}
