export default function Page() {
  return <h1>Empty app</h1>;
}
