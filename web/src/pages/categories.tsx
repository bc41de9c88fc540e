import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, idempotencyKey, ifMatch, ok } from '../api/client';
import { ApiError } from '../api/problem';
import { Field, SelectField } from '../components/field';
import { categoryLabels, categoryTree, problemMember, useBudgets, useCategories, type Category } from '../components/plan-data';
import { Dialog, DialogButtons, SaveProblem } from '../components/plan-ui';
import { Empty, QueryState } from '../components/states';

type Kind = 'expense' | 'income';
type Editing = { mode: 'create' } | { mode: 'edit' | 'delete'; id: string } | null;

/** Categories as a two-level tree per kind: created, renamed, moved under a parent, deleted (moving what uses them). */
export default function Categories() {
  const categories = useCategories();
  const [editing, setEditing] = useState<Editing>(null);
  const close = () => setEditing(null);
  const items = categories.data?.items ?? [];
  const current = editing && editing.mode !== 'create' ? items.find((c) => c.id === editing.id) : undefined;
  const reload = () => void categories.refetch();
  return (
    <>
      <h1>Categories</h1>
      <p>
        <button type="button" onClick={() => setEditing({ mode: 'create' })}>
          New category
        </button>
      </p>
      <QueryState query={categories} label="Loading categories…">
        {(data) =>
          data.items.length === 0 ? (
            <Empty title="No categories yet">Create one to sort your spending and income.</Empty>
          ) : (
            <div className="grid">
              {(['expense', 'income'] as const).map((kind) => (
                <CategoryTree key={kind} kind={kind} items={data.items.filter((c) => c.kind === kind)} onEdit={(id) => setEditing({ mode: 'edit', id })} onDelete={(id) => setEditing({ mode: 'delete', id })} />
              ))}
            </div>
          )
        }
      </QueryState>
      {editing?.mode === 'create' && <CategoryForm all={items} onClose={close} />}
      {editing?.mode === 'edit' && current && <CategoryForm key={current.version} category={current} all={items} onClose={close} onReload={reload} />}
      {editing?.mode === 'delete' && current && <DeleteCategory key={current.version} category={current} all={items} onClose={close} onReload={reload} />}
    </>
  );
}

function CategoryTree({ kind, items, onEdit, onDelete }: { kind: Kind; items: Category[]; onEdit: (id: string) => void; onDelete: (id: string) => void }) {
  const tree = categoryTree(items);
  return (
    <section className="card" aria-labelledby={`cat-${kind}`}>
      <h2 id={`cat-${kind}`}>{kind === 'expense' ? 'Spending' : 'Income'}</h2>
      {tree.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {tree.map(({ parent, children }) => (
            <li key={parent.id}>
              <CategoryRow category={parent} onEdit={onEdit} onDelete={onDelete} />
              {children.length > 0 && (
                <ul aria-label={`Under ${parent.name}`} style={{ listStyle: 'none', paddingLeft: '1.25rem', borderLeft: '2px solid var(--line)', margin: '0 0 .25rem .5rem' }}>
                  {children.map((c) => (
                    <li key={c.id}>
                      <CategoryRow category={c} onEdit={onEdit} onDelete={onDelete} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CategoryRow({ category, onEdit, onDelete }: { category: Category; onEdit: (id: string) => void; onDelete: (id: string) => void }) {
  return (
    <div className="row" style={{ justifyContent: 'space-between', alignItems: 'center', padding: '.2rem 0', borderBottom: '1px solid var(--line)' }}>
      <span style={{ fontWeight: category.parentId ? 400 : 600 }}>{category.name}</span>
      <span className="row" style={{ gap: '.4rem' }}>
        <button type="button" className="secondary" onClick={() => onEdit(category.id)} aria-label={`Edit ${category.name}`}>
          Edit
        </button>
        <button type="button" className="secondary" onClick={() => onDelete(category.id)} aria-label={`Delete ${category.name}`}>
          Delete
        </button>
      </span>
    </div>
  );
}

/** Top-level categories of a kind a category may be moved under (not itself). */
function parentChoices(all: Category[], kind: Kind, self?: string): Category[] {
  return all.filter((c) => c.kind === kind && !c.parentId && c.id !== self).sort((a, b) => a.name.localeCompare(b.name));
}

function CategoryForm({ category, all, onClose, onReload }: { category?: Category; all: Category[]; onClose: () => void; onReload?: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(category?.name ?? '');
  const [kind, setKind] = useState<Kind>(category?.kind ?? 'expense');
  const [parentId, setParentId] = useState(category?.parentId ?? '');
  const save = useMutation({
    mutationFn: () =>
      category
        ? ok(api.PATCH('/categories/{id}', { params: { path: { id: category.id }, header: ifMatch(category.version) }, body: { name, parentId: parentId || null } }))
        : ok(api.POST('/categories', { params: { header: idempotencyKey() }, body: { name, kind, parentId: parentId || null } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['categories'] });
      onClose();
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Dialog title={category ? `Edit ${category.name}` : 'New category'} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Field label="Name" required value={name} onChange={(e) => setName(e.target.value)} error={fields['body.name']} />
        {!category && (
          <SelectField
            label="Kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as Kind);
              setParentId('');
            }}
          >
            <option value="expense">Spending</option>
            <option value="income">Income</option>
          </SelectField>
        )}
        <SelectField label="Parent" value={parentId} onChange={(e) => setParentId(e.target.value)} error={fields['body.parentId']} hint="Two levels: a category with sub-categories stays at the top">
          <option value="">None (top level)</option>
          {parentChoices(all, category?.kind ?? kind, category?.id).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SaveProblem error={save.error} {...(onReload ? { onReload } : {})} />
        <DialogButtons busy={save.isPending} label={category ? 'Save changes' : 'Create category'} busyLabel="Saving…" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function DeleteCategory({ category, all, onClose, onReload }: { category: Category; all: Category[]; onClose: () => void; onReload: () => void }) {
  const queryClient = useQueryClient();
  const [reassignTo, setReassignTo] = useState('');
  const remove = useMutation({
    mutationFn: () => ok(api.DELETE('/categories/{id}', { params: { path: { id: category.id }, header: ifMatch(category.version), query: reassignTo ? { reassignTo } : {} } })),
    onSuccess: async () => {
      await Promise.all(['categories', 'budgets', 'rules', 'transactions'].map((k) => queryClient.invalidateQueries({ queryKey: [k] })));
      onClose();
    },
  });
  const labels = categoryLabels(all);
  const targets = all.filter((c) => c.id !== category.id && c.parentId !== category.id && c.kind === category.kind);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    remove.mutate();
  };
  return (
    <Dialog title={`Delete ${category.name}?`} onClose={onClose}>
      <form onSubmit={submit}>
        <SelectField label="Move what uses it to" value={reassignTo} onChange={(e) => setReassignTo(e.target.value)} hint="Its transactions, the rules that set it and the budgets that limit it move there.">
          <option value="">Nothing: refuse if anything uses it</option>
          {targets
            .map((c) => ({ id: c.id, label: labels.get(c.id) ?? c.name }))
            .sort((a, b) => a.label.localeCompare(b.label))
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
        </SelectField>
        <SaveProblem error={remove.error} onReload={onReload} />
        <InUse error={remove.error} />
        <DialogButtons busy={remove.isPending} label={reassignTo ? 'Move and delete' : 'Delete category'} busyLabel="Deleting…" onCancel={onClose} danger />
      </form>
    </Dialog>
  );
}

/** What a 409 says uses the category: the budgets (by name) and rules it names, and what to do about it. */
function InUse({ error }: { error: unknown }) {
  const budgets = useBudgets();
  if (problemMember(error, 'inUse') !== true) return null;
  const names = (problemMember(error, 'budgetIds') ?? []).map((id) => budgets.data?.items.find((b) => b.id === id)?.name ?? id);
  return (
    <div className="notice">
      {names.length > 0 && (
        <>
          <p>These budgets limit this category:</p>
          <ul>
            {names.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
      <p>Choose a category above to move them to, then delete again.</p>
    </div>
  );
}
