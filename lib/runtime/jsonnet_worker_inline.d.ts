// The module scripts/build.ts writes beside the bundles (dist/jsonnet_worker_inline.js): the source
// text of dist/jsonnet_worker.js, to start a worker from when no file of it is at hand.
declare const source: string;
export default source;
