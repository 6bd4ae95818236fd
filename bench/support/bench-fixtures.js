/**
 * What the app benches share: a throwaway app key, the example plan as repository files, and
 * commit ids made from a seed (deterministic, so runs are comparable).
 */
import { generateKeyPairSync } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** Where the example plan lives in each benched repository. */
export const PLAN_DIR = "work-space/plans/PARALLEL-EXECUTION-AUTOMATION";
const EXAMPLE = "examples/PARALLEL-EXECUTION-AUTOMATION";

/** An RSA key in the PKCS#1 PEM form GitHub App private keys have; made per run, never stored. */
export function benchPrivateKey() {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  }).privateKey;
}

function walk(root, rel = "") {
  return readdirSync(path.join(root, rel))
    .sort()
    .flatMap((name) => {
      const child = rel === "" ? name : `${rel}/${name}`;
      return statSync(path.join(root, child)).isDirectory() ? walk(root, child) : [child];
    });
}

/** The example plan's files keyed by their path under {@link PLAN_DIR}. */
export function examplePlanFiles() {
  return Object.fromEntries(
    walk(EXAMPLE).map((rel) => [
      `${PLAN_DIR}/${rel}`,
      readFileSync(path.join(EXAMPLE, rel), "utf8"),
    ]),
  );
}

/** A 40-hex-digit commit id derived from `seed`. */
export function fakeSha(seed) {
  return Buffer.from(String(seed)).toString("hex").padEnd(40, "0").slice(0, 40);
}
