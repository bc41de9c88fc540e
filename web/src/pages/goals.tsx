/** Goals: not built yet. */
export default function Screen() {
  return <h1>Goals</h1>;
}
