/** Health: not built yet. */
export default function Screen() {
  return <h1>Health</h1>;
}
