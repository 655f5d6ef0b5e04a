// wrangler and Bun bundle a `.jsonnet` file as its text (wrangler.jsonc's Text rule, Bun's `with { type: "text" }`).
declare module "*.jsonnet" {
  const text: string;
  export default text;
}
