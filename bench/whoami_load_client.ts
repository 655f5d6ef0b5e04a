/**
 * The load generator of bench/whoami_load.ts, run as its own process so that the client's work (its
 * HTTP stack, JSON parsing) is not charged to the server, as with a load tool on another machine.
 * Usage: whoami_load_client.ts <url> <session token> <requests> <in flight>; prints one JSON line.
 */
import { load } from "./load.ts";

const [url, token, requests, inFlight] = process.argv.slice(2);
const request = async () => {
  const response = await fetch(url!, { headers: { "X-Session-Token": token! } });
  if (response.status !== 200) throw new Error(`whoami answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { tokenized: string }).tokenized;
};
await load(200, Number(inFlight), request); // warm the connections
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
const { perS, p50, p99, results } = await load(Number(requests), Number(inFlight), request);
const cpu = process.cpuUsage(cpuBefore);
// How many of the machine's cores the client itself kept busy: on a small machine, the server's bound.
const clientCores = (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore);
process.stdout.write(JSON.stringify({ perS, p50, p99, results, clientCores }) + "\n");
