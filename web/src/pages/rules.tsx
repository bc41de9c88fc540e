/** Rules: not built yet. */
export default function Screen() {
  return <h1>Rules</h1>;
}
