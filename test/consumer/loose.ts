// A TypeScript consumer without `strict`: JsonnetResult's members are readable without narrowing.
import { createJsonnetEngine } from "ory-tokenizer/jsonnet";

const result = await createJsonnetEngine().evaluate({ source: "{}", filename: "x", extCode: {} });
if (result.ok) console.log(result.value);
else console.log(result.failure.message, result.failure.kind);
console.log(result.output, result.failure);
