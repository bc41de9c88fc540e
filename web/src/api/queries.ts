import { useQuery } from '@tanstack/react-query';
import { api, ok } from './client';

/** The signed-in user's profile (base currency, timezone, roles), shared by every screen through the query cache. */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => ok(api.GET('/me')), staleTime: 60_000 });
}
