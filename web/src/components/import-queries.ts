import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import type { paths } from '../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type ImportBody = NonNullable<paths['/imports']['post']['requestBody']>['content']['application/json'];
export type ImportMapping = NonNullable<ImportBody['mapping']>;
export type DateFormat = NonNullable<ImportMapping['dateFormat']>;
export type ImportReport = Json<paths['/imports/{id}']['get']['responses'][200]>;
export type ImportFormat = ImportBody['format'];

/**
 * Largest file the API takes: `content` up to MAX_IMPORT_BYTES characters and the request up to 64 KiB more
 * (shared/contracts/imports.ts). The OpenAPI document does not carry these numbers, so they are repeated here.
 */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_REQUEST_BYTES = MAX_IMPORT_BYTES + 64 * 1024;

export const DATE_FORMATS: DateFormat[] = ['yyyy-mm-dd', 'yyyy/mm/dd', 'dd/mm/yyyy', 'dd.mm.yyyy', 'dd-mm-yyyy', 'mm/dd/yyyy', 'mm-dd-yyyy', 'dd/mm/yy', 'mm/dd/yy', 'dd.mm.yy'];

const FINISHED = new Set(['completed', 'failed']);

/** Starts an import; one Idempotency-Key per file chosen, so a retried click cannot import it twice. */
export function useStartImport() {
  return useMutation({
    mutationFn: ({ body, key }: { body: ImportBody; key: string }) => ok(api.POST('/imports', { body, params: { header: { 'Idempotency-Key': key } } })),
  });
}

/** The import's progress, polled until it completes or fails; then the lists that show its rows are refreshed. */
export function useImportReport(id: string | undefined) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['imports', id],
    enabled: Boolean(id),
    queryFn: async () => {
      const report = await ok(api.GET('/imports/{id}', { params: { path: { id: id ?? '' } } }));
      if (FINISHED.has(report.status) && !report.dryRun) {
        await Promise.all(['transactions', 'accounts', 'summary', 'budgets'].map((k) => queryClient.invalidateQueries({ queryKey: [k] })));
      }
      return report;
    },
    refetchInterval: (q) => (q.state.data && FINISHED.has(q.state.data.status) ? false : 800),
    staleTime: 0,
  });
}

/** The existing transactions duplicates matched, to show what each row was taken for (first 50). */
export function useMatchedTransactions(ids: string[]) {
  return useQueries({
    queries: [...new Set(ids)].slice(0, 50).map((id) => ({
      queryKey: ['transactions', 'one', id],
      queryFn: () => ok(api.GET('/transactions/{id}', { params: { path: { id } } })),
      staleTime: 60_000,
    })),
  });
}

/** The format a file's name or first bytes say. */
export function formatOf(name: string, text: string): ImportFormat {
  const head = text.slice(0, 512).trimStart();
  if (/\.(ofx|qfx)$/i.test(name) || /^(OFXHEADER|<\?xml[^>]*>\s*<\?OFX|<OFX>)/i.test(head)) return 'ofx';
  if (/\.qif$/i.test(name) || /^!(Type|Account|Option)/i.test(head)) return 'qif';
  return 'csv';
}
