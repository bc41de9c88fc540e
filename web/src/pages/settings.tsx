/** Settings: not built yet. */
export default function Screen() {
  return <h1>Settings</h1>;
}
