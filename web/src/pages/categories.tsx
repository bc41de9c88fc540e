/** Categories: not built yet. */
export default function Screen() {
  return <h1>Categories</h1>;
}
