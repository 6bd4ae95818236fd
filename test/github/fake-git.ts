/** Git objects of the fake GitHub: file contents, blob ids, GraphQL blob answers. */
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** A file of the fake commit: text, bytes (binary when they hold a NUL), or text GraphQL cuts. */
export type FakeFile = string | Buffer | { text: string; truncated: true };

export function bytesOf(file: FakeFile): Buffer {
  if (Buffer.isBuffer(file)) return file;
  return Buffer.from(typeof file === "string" ? file : file.text, "utf8");
}

/** Git's blob id: sha1 of "blob <size>\0<bytes>". */
export function blobId(bytes: Buffer): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

export function blobText(file: FakeFile) {
  const bytes = bytesOf(file);
  const binary = Buffer.isBuffer(file) && bytes.includes(0);
  const truncated = typeof file === "object" && !Buffer.isBuffer(file);
  return {
    oid: blobId(bytes),
    byteSize: bytes.length,
    isBinary: binary,
    isTruncated: truncated,
    text: binary ? null : truncated ? bytes.toString("utf8").slice(0, 100) : bytes.toString("utf8"),
  };
}

export function walk(root: string, rel = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, rel)).sort()) {
    const child = rel === "" ? name : `${rel}/${name}`;
    if (statSync(path.join(root, child)).isDirectory()) out.push(...walk(root, child));
    else out.push(child);
  }
  return out;
}
