/** Accounts: not built yet. */
export default function Screen() {
  return <h1>Accounts</h1>;
}
