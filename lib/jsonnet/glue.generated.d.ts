// Types of the generated glue, lib/jsonnet/glue.generated.js (see scripts/generate_jsonnet_glue.ts). Hand-written.
export interface GlueBindings {
  attach(instance: WebAssembly.Instance): void;
  /** Receives a Rust panic's message (and stack) instead of console.error; a no-op by default. */
  onPanic: (message: string) => void;
  jsonnet_make(): number;
  jsonnet_destroy(vm: number): void;
  jsonnet_evaluate_snippet(vm: number, filename: string, snippet: string): string;
  jsonnet_ext_string(vm: number, key: string, value: string): void;
}
export function createGlue(): { imports: WebAssembly.Imports; bindings: GlueBindings };
