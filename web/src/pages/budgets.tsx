/** Budgets: not built yet. */
export default function Screen() {
  return <h1>Budgets</h1>;
}
