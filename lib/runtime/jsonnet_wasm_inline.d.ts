// The module scripts/build.ts writes beside the bundles (dist/jsonnet_wasm_inline.js): the engine
// binary, gzip-compressed, as base64. Never present next to lib's source.
declare const base64: string;
export default base64;
