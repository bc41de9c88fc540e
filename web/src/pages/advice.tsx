/** Advice: not built yet. */
export default function Screen() {
  return <h1>Advice</h1>;
}
