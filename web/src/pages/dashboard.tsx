/** Dashboard: not built yet. */
export default function Screen() {
  return <h1>Dashboard</h1>;
}
