import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../api/client';
import type { paths } from '../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type TransactionPage = Json<paths['/transactions']['get']['responses'][200]>;
export type Transaction = TransactionPage['items'][number];
export type TransactionFilters = NonNullable<paths['/transactions']['get']['parameters']['query']>;
export type TransactionInput = NonNullable<paths['/transactions']['post']['requestBody']>['content']['application/json'];
export type TransactionPatch = NonNullable<paths['/transactions/{id}']['patch']['requestBody']>['content']['application/json'];
export type Account = Json<paths['/accounts']['get']['responses'][200]>['items'][number];
export type Category = Json<paths['/categories']['get']['responses'][200]>['items'][number];

/** Rows per page of the list; the API answers at most 100 (shared/domain/limits.ts). */
export const PAGE_SIZE = 50;

/** Every account (the API answers them all at once, up to the cap). */
export function useAccounts() {
  return useQuery({ queryKey: ['accounts'], queryFn: () => ok(api.GET('/accounts')), staleTime: 60_000 });
}

/** Every category (two levels, the defaults included). */
export function useCategories() {
  return useQuery({ queryKey: ['categories'], queryFn: () => ok(api.GET('/categories')), staleTime: 60_000 });
}

/** Pages of transactions for these filters, following the signed cursor the API hands back. */
export function useTransactionPages(filters: TransactionFilters) {
  return useInfiniteQuery({
    queryKey: ['transactions', 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      ok(api.GET('/transactions', { params: { query: { ...filters, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** One transaction as the API holds it now (the 412 path reads it to show the current values). */
export function fetchTransaction(id: string): Promise<Transaction> {
  return ok(api.GET('/transactions/{id}', { params: { path: { id } } }));
}

/** Writes that change what lists, balances and summaries show. */
function useInvalidateLedger() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['transactions'] }),
      queryClient.invalidateQueries({ queryKey: ['accounts'] }),
      queryClient.invalidateQueries({ queryKey: ['summary'] }),
      queryClient.invalidateQueries({ queryKey: ['budgets'] }),
    ]);
}

export function useCreateTransaction() {
  const invalidate = useInvalidateLedger();
  return useMutation({
    // One key per attempt of the dialog: a retry after a lost answer cannot record it twice.
    mutationFn: ({ body, key }: { body: TransactionInput; key: string }) => ok(api.POST('/transactions', { body, params: { header: { 'Idempotency-Key': key } } })),
    onSuccess: invalidate,
  });
}

export function useUpdateTransaction() {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: TransactionPatch }) =>
      ok(api.PATCH('/transactions/{id}', { params: { path: { id }, header: ifMatch(version) }, body })),
    onSuccess: invalidate,
  });
}

export function useDeleteTransaction() {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => ok(api.DELETE('/transactions/{id}', { params: { path: { id }, header: ifMatch(version) } })),
    onSuccess: invalidate,
  });
}
