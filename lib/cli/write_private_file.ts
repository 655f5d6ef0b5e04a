/**
 * Writes a file that holds private key material: mode 0600 from its first byte, atomically (a
 * temporary file in the same directory, renamed into place, so a reader never sees half a key set
 * and a failure leaves the old file intact), and only over a regular file: a symbolic link at the
 * target is never followed (renaming replaces the link itself), and a directory, FIFO or device is
 * refused rather than written into.
 *
 * @module
 */

import { randomUUID } from "node:crypto";
import { link, lstat, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UsageError } from "./usage_error.ts";

/** What is at a path now, without following a symbolic link. */
async function kindAt(path: string): Promise<"none" | "file" | "symlink" | "directory" | "other"> {
  try {
    const stat = await lstat(path);
    return stat.isSymbolicLink() ? "symlink" : stat.isFile() ? "file" : stat.isDirectory() ? "directory" : "other";
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return "none";
    throw error;
  }
}

/**
 * Writes `text` to `path` with mode 0600.
 *
 * @param path the target file.
 * @param text the content.
 * @param options `force` replaces an existing regular file.
 * @throws {UsageError} when the target exists (without `force`), or is not a regular file.
 */
export async function writePrivateFile(path: string, text: string, options: { force: boolean }): Promise<void> {
  const kind = await kindAt(path);
  if (kind === "symlink") {
    throw new UsageError(`${path} is a symbolic link; refusing to write through it (remove it or pick another path)`);
  }
  if (kind === "directory") throw new UsageError(`${path} is a directory, not a file`);
  if (kind === "other") throw new UsageError(`${path} is not a regular file (a FIFO, socket or device); refusing it`);
  if (kind === "file" && !options.force) {
    throw new UsageError(`${path} exists; pass --force to replace it (its key would be lost)`);
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  // "wx" never opens something that is already there, so the temporary name cannot be a planted link.
  const file = await open(temporary, "wx", 0o600);
  try {
    try {
      await file.chmod(0o600); // the umask may have narrowed it, never widened; be exact
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    if (options.force) {
      await rename(temporary, path);
    } else {
      // link() fails if anything appeared at the path meanwhile, so nothing is ever clobbered.
      await link(temporary, path).catch((error) => {
        if ((error as { code?: string }).code === "EEXIST") {
          throw new UsageError(`${path} exists; pass --force to replace it (its key would be lost)`);
        }
        throw error;
      });
      await unlink(temporary);
    }
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
}
