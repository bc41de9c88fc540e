import type { paths } from '../api/schema';
import { formatDate } from '../lib/format';

type Json<T> = T extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;
/** What a preview answers (POST /rules/{id}/preview of a stored rule, POST /rules/preview of an unsaved one alike). */
export type RulePreview = Pick<Json<paths['/rules/{id}/preview']['post']>, 'examined' | 'matches' | 'truncated'>;

/** Which transactions a rule would change, and how: a count, then a table of the matches. */
export function PreviewTable({ preview, labels }: { preview: RulePreview; labels: Map<string, string> }) {
  const name = (id: string | null) => (id ? (labels.get(id) ?? id) : 'uncategorised');
  return (
    <>
      <p role="status">
        {preview.matches.length} of {preview.examined} transactions examined would change{preview.truncated ? ' (more may follow: the preview stops at its limit)' : ''}.
      </p>
      {preview.matches.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Description</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {preview.matches.map((m) => (
                <tr key={m.transactionId}>
                  <td>{formatDate(m.date)}</td>
                  <td>{m.description}</td>
                  <td>
                    {m.changes.categoryId && (
                      <div>
                        Category: {name(m.changes.categoryId.from)} → {name(m.changes.categoryId.to)}
                      </div>
                    )}
                    {m.changes.tags && <div>Tags: {m.changes.tags.to.join(', ') || 'none'}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
