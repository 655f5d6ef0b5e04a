// The module scripts/build.ts writes beside the bundles (dist/jsonnet_wasm_module.js): the engine binary
// imported as a WebAssembly module, as Workers load WebAssembly. Never present next to lib's source.
declare const jsonnetWasmModule: WebAssembly.Module;
export default jsonnetWasmModule;
