/**
 * One of bench/parallel.ts's workers: evaluates the guide's mapper with lib's engine in a loop, with no
 * message per evaluation, for as long as each request says, and answers with the count. Plain
 * JavaScript over the built dist/jsonnet.js: a worker does not inherit the bench's TypeScript loader.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createJsonnetEngine } from "../dist/jsonnet.js";

const { source, extCode } = workerData;
const engine = createJsonnetEngine();
const request = { source, filename: "claims.jsonnet", extCode };
await engine.evaluate(request);

parentPort.on("message", async ({ untilEpochMs }) => {
  let count = 0;
  while (Date.now() < untilEpochMs) {
    await engine.evaluate(request);
    count++;
  }
  parentPort.postMessage(count);
});
parentPort.postMessage("ready");
