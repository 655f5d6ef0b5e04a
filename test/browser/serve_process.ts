// `ory-tokenizer serve` as a subprocess on 127.0.0.1 and a free port, for the specs that load pages
// from the emulator: started with the given flags, resolved once it prints its URLs, stopped with Ctrl-C.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface ServeProcess {
  /** The emulator's base URL, such as `http://127.0.0.1:41234/`. */
  url: string;
  stop(): Promise<void>;
}

export async function startServe(flags: readonly string[] = []): Promise<ServeProcess> {
  const serve = spawn(process.execPath, ["bin/ory-tokenizer", "serve", "--port", "0", ...flags], { cwd: ROOT });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    serve.stdout!.on("data", (chunk) => {
      out += chunk;
      const found = /whoami endpoint on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (found && out.includes("Ctrl-C")) resolve(found[1]!);
    });
    serve.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => serve.on("exit", resolve));
      serve.kill("SIGINT");
      await exited;
    },
  };
}
