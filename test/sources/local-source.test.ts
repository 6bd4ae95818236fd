import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import {
  describeFsError,
  isPlanInput,
  readLocalSnapshot,
  type LocalSnapshotOptions,
} from "../../src/sources/local-source.js";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "pp-local-source-"));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(relPath: string, text: string): Promise<void> {
  const file = path.join(root, ...relPath.split("/"));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

const everything: LocalSnapshotOptions = {
  maxFileBytes: 1024,
  maxJsonBytes: 1024,
  readContent: () => true,
};
const defaults: LocalSnapshotOptions = {
  maxFileBytes: 1024,
  maxJsonBytes: 1024,
  readContent: isPlanInput,
};

const text = (content: Uint8Array | string | undefined): string | undefined =>
  content === undefined ? undefined : Buffer.from(content).toString("utf8");

describe("isPlanInput", () => {
  it.each([
    ["parallel.json", true],
    ["plans/X/parallel.json", true],
    ["plans/X/PLAN_X.md", true],
    ["PLAN_X.md", true],
    ["plans/X/subplans/SUBPLAN_X_11.md", true],
    ["subplans/SUBPLAN_X_11.md", true],
    ["plans/X/SUBPLAN_X_11.md", false],
    ["plans/X/subplans/notes.md", false],
    ["plans/X/execution/EXECUTION_TASK_X_11_01.md", false],
    ["plans/X/execution/feedbacks/APPROVED_11.md", false],
    ["plans/X/PLAN_X.txt", false],
    ["plans/X/my-parallel.json", false],
  ])("%s → %s", (relPath, expected) => {
    expect(isPlanInput(relPath)).toBe(expected);
  });
});

describe("readLocalSnapshot", () => {
  it("lists every file with POSIX relative paths and sizes", async () => {
    await put("plans/X/parallel.json", "{}");
    await put("plans/X/PLAN_X.md", "# X\n");
    await put("plans/X/execution/feedbacks/APPROVED_11.md", "ok");
    await put("README.md", "hello");

    const snapshot = await readLocalSnapshot(root, everything);

    expect([...snapshot.files.keys()]).toEqual([
      "README.md",
      "plans/X/PLAN_X.md",
      "plans/X/execution/feedbacks/APPROVED_11.md",
      "plans/X/parallel.json",
    ]);
    expect(snapshot.files.get("README.md")?.size).toBe(5);
    expect(snapshot.root).toBe(root);
    expect(snapshot.focus).toBeNull();
  });

  it("skips node_modules, .git and symbolic links to folders", async () => {
    await put("plans/X/parallel.json", "{}");
    await put("node_modules/pkg/parallel.json", "{}");
    await put(".git/HEAD", "ref: refs/heads/main");
    await put("plans/X/linked.md", "x");
    await symlink(root, path.join(root, "plans", "X", "loop"), "dir");
    await symlink(path.join(root, "plans/X/linked.md"), path.join(root, "alias.md"), "file");
    await symlink(path.join(root, "nowhere"), path.join(root, "broken.md"), "file");

    const snapshot = await readLocalSnapshot(root, everything);

    expect([...snapshot.files.keys()]).toEqual([
      "alias.md",
      "plans/X/linked.md",
      "plans/X/parallel.json",
    ]);
  });

  it("reads content only for plan inputs", async () => {
    await put("X/parallel.json", '{"plan_name":"X"}');
    await put("X/PLAN_X.md", "# PLAN X");
    await put("X/subplans/SUBPLAN_X_11.md", "# SUBPLAN");
    await put("X/execution/EXECUTION_TASK_X_11_01.md", "# TASK");

    const snapshot = await readLocalSnapshot(root, defaults);
    const contents = Object.fromEntries(
      [...snapshot.files.values()].map((f) => [f.path, text(f.content)]),
    );

    expect(contents).toEqual({
      "X/PLAN_X.md": "# PLAN X",
      "X/execution/EXECUTION_TASK_X_11_01.md": undefined,
      "X/parallel.json": '{"plan_name":"X"}',
      "X/subplans/SUBPLAN_X_11.md": "# SUBPLAN",
    });
  });

  it("keeps only the size of a file over the limit", async () => {
    await put("X/parallel.json", "x".repeat(11));
    await put("X/PLAN_X.md", "x".repeat(10));

    const snapshot = await readLocalSnapshot(root, {
      ...defaults,
      maxFileBytes: 10,
      maxJsonBytes: 10,
    });

    expect(snapshot.files.get("X/parallel.json")).toEqual({ path: "X/parallel.json", size: 11 });
    expect(text(snapshot.files.get("X/PLAN_X.md")?.content)).toBe("x".repeat(10));
  });

  it("applies the parallel.json limit to parallel.json and the markdown limit to markdown", async () => {
    await put("X/parallel.json", "x".repeat(20));
    await put("X/PLAN_X.md", "x".repeat(20));

    const snapshot = await readLocalSnapshot(root, {
      ...defaults,
      maxFileBytes: 10,
      maxJsonBytes: 20,
    });

    expect(text(snapshot.files.get("X/parallel.json")?.content)).toBe("x".repeat(20));
    expect(snapshot.files.get("X/PLAN_X.md")).toEqual({ path: "X/PLAN_X.md", size: 20 });
  });

  it("walks the parent folder of a file and focuses on the file", async () => {
    await put("X/parallel.json", "{}");
    await put("X/subplans/SUBPLAN_X_11.md", "s");
    await put("Y/parallel.json", "{}");

    const snapshot = await readLocalSnapshot(path.join(root, "X", "parallel.json"), defaults);

    expect(snapshot.root).toBe(path.join(root, "X"));
    expect(snapshot.rootName).toBe("X");
    expect(snapshot.focus).toBe("parallel.json");
    expect([...snapshot.files.keys()]).toEqual(["parallel.json", "subplans/SUBPLAN_X_11.md"]);
  });

  it("throws one sentence naming a missing path", async () => {
    await expect(
      readLocalSnapshot(path.join(root, "missing"), { ...defaults, label: "examples/x" }),
    ).rejects.toThrow(new Error("cannot read examples/x: no such file or directory"));
  });

  it("refuses a folder with too many entries", async () => {
    await put("a/b/c.md", "x");
    await put("a/d.md", "x");
    await expect(
      readLocalSnapshot(root, { ...defaults, label: "big", maxEntries: 3 }),
    ).rejects.toThrow(
      "cannot read big: more than 3 files and folders; point at a plan folder or a folder of plans",
    );
    await expect(readLocalSnapshot(root, { ...defaults, maxEntries: 4 })).resolves.toBeDefined();
  });

  // root reads any folder, so permissions cannot make one unreadable there
  const unlessRoot = process.getuid?.() === 0 ? it.skip : it;
  unlessRoot("names the unreadable folder", async () => {
    await put("X/private/parallel.json", "{}");
    const { chmod } = await import("node:fs/promises");
    await chmod(path.join(root, "X", "private"), 0o000);
    try {
      await expect(readLocalSnapshot(root, { ...defaults, label: "here" })).rejects.toThrow(
        "cannot read here/X/private: permission denied",
      );
    } finally {
      await chmod(path.join(root, "X", "private"), 0o755);
    }
  });
});

describe("describeFsError", () => {
  it("falls back to the error message for an unknown code", () => {
    expect(describeFsError("p", Object.assign(new Error("odd"), { code: "EODD" }))).toBe(
      "cannot read p: odd",
    );
  });
});
