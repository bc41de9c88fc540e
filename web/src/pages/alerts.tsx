/** Alerts: not built yet. */
export default function Screen() {
  return <h1>Alerts</h1>;
}
