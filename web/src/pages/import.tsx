/** Import: not built yet. */
export default function Screen() {
  return <h1>Import</h1>;
}
