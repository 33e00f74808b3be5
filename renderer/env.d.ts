// Module types the bundler provides. JSON data is imported as `unknown` and validated where it is used
// (the catalog goes through `createCatalog`), so the type checker never infers a type for 650 KiB of data.
declare module '*.json' {
  const value: unknown;
  export default value;
}
