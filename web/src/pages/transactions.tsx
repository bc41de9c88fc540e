/** Transactions: not built yet. */
export default function Screen() {
  return <h1>Transactions</h1>;
}
