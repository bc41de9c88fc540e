import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, ok } from '../api/client';
import { useMe } from '../api/queries';
import { useAccounts, useCategories, categoryLabels } from '../components/plan-data';
import { Dialog } from '../components/plan-ui';
import { RuleForm, describeActions, describeConditions, type Rule } from '../components/plan-rule-form';
import { PreviewTable } from '../components/plan-rule-preview';
import { Empty, ProblemMessage, QueryState } from '../components/states';

type Editing = { mode: 'create' } | { mode: 'edit' | 'delete' | 'preview'; id: string } | null;

function useRules() {
  return useQuery({ queryKey: ['rules'], queryFn: () => ok(api.GET('/rules')) });
}

/** Categorisation rules in the order they apply: created, edited, previewed on existing transactions, reordered, deleted. */
export default function Rules() {
  const rules = useRules();
  const [editing, setEditing] = useState<Editing>(null);
  const close = () => setEditing(null);
  const current = editing && editing.mode !== 'create' ? rules.data?.items.find((r) => r.id === editing.id) : undefined;
  const reload = () => void rules.refetch();
  return (
    <>
      <h1>Rules</h1>
      <p className="muted">Rules fill the category and tags of new and imported transactions, lowest priority number first. They never overwrite what you set by hand.</p>
      <p>
        <button type="button" onClick={() => setEditing({ mode: 'create' })}>
          New rule
        </button>
      </p>
      <QueryState query={rules} label="Loading rules…">
        {(data) => (data.items.length === 0 ? <Empty title="No rules yet">A rule such as “description contains REWE → Groceries” categorises every such transaction for you.</Empty> : <RuleTable items={data.items} onPick={(mode, id) => setEditing({ mode, id })} />)}
      </QueryState>
      {editing?.mode === 'create' && <RuleForm onClose={close} onSaved={close} />}
      {editing?.mode === 'edit' && current && <RuleForm key={current.version} rule={current} onClose={close} onReload={reload} onSaved={close} />}
      {editing?.mode === 'delete' && current && <DeleteRule key={current.version} rule={current} onClose={close} onReload={reload} />}
      {editing?.mode === 'preview' && current && <PreviewRule rule={current} onClose={close} />}
    </>
  );
}

function RuleTable({ items, onPick }: { items: Rule[]; onPick: (mode: 'edit' | 'delete' | 'preview', id: string) => void }) {
  const labels = categoryLabels(useCategories().data?.items);
  const accounts = useAccounts().data?.items;
  const base = useMe().data?.baseCurrency ?? 'EUR';
  const move = useMove(items);
  return (
    <>
      <ProblemMessage error={move.error} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">Name</th>
              <th scope="col">When</th>
              <th scope="col">Then</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r, i) => (
              <tr key={r.id}>
                <td>
                  {r.priority}
                  <div className="row" style={{ gap: '.25rem', marginTop: '.25rem' }}>
                    <button type="button" className="secondary" disabled={i === 0 || move.isPending} onClick={() => move.mutate({ index: i, by: -1 })} aria-label={`Move ${r.name} up`}>
                      ↑
                    </button>
                    <button type="button" className="secondary" disabled={i === items.length - 1 || move.isPending} onClick={() => move.mutate({ index: i, by: 1 })} aria-label={`Move ${r.name} down`}>
                      ↓
                    </button>
                  </div>
                </td>
                <th scope="row">
                  {r.name} {!r.enabled && <span className="badge warn">Off</span>}
                </th>
                <td>{describeConditions(r.conditions, accounts, base)}</td>
                <td>{describeActions(r.actions, labels)}</td>
                <td>
                  <div className="row" style={{ gap: '.4rem' }}>
                    {(['preview', 'edit', 'delete'] as const).map((mode) => (
                      <button key={mode} type="button" className="secondary" onClick={() => onPick(mode, r.id)} aria-label={`${mode[0]?.toUpperCase()}${mode.slice(1)} ${r.name}`}>
                        {mode === 'preview' ? 'Preview' : mode === 'edit' ? 'Edit' : 'Delete'}
                      </button>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/**
 * Moves a rule one place up or down by swapping priorities with its neighbour (two writes with If-Match); equal
 * priorities are split so the order really changes.
 */
function useMove(items: Rule[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ index, by }: { index: number; by: -1 | 1 }) => {
      const a = items[index];
      const b = items[index + by];
      if (!a || !b) return;
      const [first, second] = by < 0 ? [a, b] : [b, a];
      const lower = Math.min(first.priority, second.priority);
      const higher = Math.max(first.priority, second.priority, lower + 1);
      await ok(api.PATCH('/rules/{id}', { params: { path: { id: first.id }, header: ifMatch(first.version) }, body: { priority: lower } }));
      await ok(api.PATCH('/rules/{id}', { params: { path: { id: second.id }, header: ifMatch(second.version) }, body: { priority: higher } }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['rules'] }),
  });
}

function DeleteRule({ rule, onClose, onReload }: { rule: Rule; onClose: () => void; onReload: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/rules/{id}', { params: { path: { id: rule.id }, header: ifMatch(rule.version) } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['rules'] });
      onClose();
    },
  });
  return (
    <Dialog title={`Delete ${rule.name}?`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          remove.mutate();
        }}
      >
        <p>Transactions it already categorised keep their category.</p>
        {remove.error ? <RuleSaveProblem error={remove.error} onReload={onReload} /> : null}
        <div className="row">
          <button type="submit" className="danger" disabled={remove.isPending}>
            {remove.isPending ? 'Deleting…' : 'Delete rule'}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function RuleSaveProblem({ error, onReload }: { error: unknown; onReload: () => void }) {
  return (
    <>
      <ProblemMessage error={error} />
      <button type="button" className="secondary" onClick={onReload}>
        Reload rules
      </button>
    </>
  );
}

function PreviewRule({ rule, onClose }: { rule: Rule; onClose: () => void }) {
  const queryClient = useQueryClient();
  const preview = useQuery({ queryKey: ['rules', rule.id, 'preview', rule.version], queryFn: () => ok(api.POST('/rules/{id}/preview', { params: { path: { id: rule.id }, query: { limit: 100 } } })) });
  const labels = categoryLabels(useCategories().data?.items);
  const enable = useMutation({
    mutationFn: () => ok(api.PATCH('/rules/{id}', { params: { path: { id: rule.id }, header: ifMatch(rule.version) }, body: { enabled: true } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['rules'] });
      onClose();
    },
  });
  return (
    <Dialog title={`Preview: ${rule.name}`} onClose={onClose}>
      <p className="muted">Which of your existing transactions this rule would change, newest first. Nothing is changed by a preview{rule.enabled ? '' : '; the rule is off until you turn it on'}.</p>
      <QueryState query={preview} label="Looking through your transactions…">
        {(p) => <PreviewTable preview={p} labels={labels} />}
      </QueryState>
      <ProblemMessage error={enable.error} />
      <div className="row" style={{ marginTop: '1rem' }}>
        {!rule.enabled && (
          <button type="button" onClick={() => enable.mutate()} disabled={enable.isPending}>
            Turn rule on
          </button>
        )}
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
