import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from './trpc';

/** The region being looked at: the caller's own region until another is picked in the tree. */
export function useRegion() {
  const trpc = useTRPC();
  const root = useQuery(trpc.region.root.queryOptions());
  const [picked, setPicked] = useState<string | undefined>();
  return { code: picked ?? root.data?.code, setCode: setPicked };
}
