/** Confirm: not built yet. */
export default function Screen() {
  return <h1>Confirm</h1>;
}
