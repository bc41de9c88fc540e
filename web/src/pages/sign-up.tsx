/** Sign up: not built yet. */
export default function Screen() {
  return <h1>Sign up</h1>;
}
