/** Admin: not built yet. */
export default function Screen() {
  return <h1>Admin</h1>;
}
