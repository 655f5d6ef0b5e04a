// Types of the generated glue, lib/jsonnet/glue.generated.js (see scripts/generate_jsonnet_glue.ts). Hand-written.
export interface GlueBindings {
  attach(instance: WebAssembly.Instance): void;
  /** Receives a Rust panic's message (and stack) instead of console.error; a no-op by default. */
  onPanic: (message: string) => void;
  jsonnet_make(): number;
  jsonnet_destroy(vm: number): void;
  jsonnet_evaluate_snippet(vm: number, filename: string, snippet: string): string;
  jsonnet_ext_string(vm: number, key: string, value: string): void;
  /** Names a host function for native callbacks; the engine passes its arguments as JSON text. */
  set_func(name: string, func: (argumentsJson: string) => string): void;
  /** Makes `std.native(name)` a function of `parameters` arguments calling the host function `name`. */
  register_native_callback(vm: number, name: string, parameters: number): void;
}
export function createGlue(): { imports: WebAssembly.Imports; bindings: GlueBindings };
