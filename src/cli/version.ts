/** The package's own metadata, for `--version` and SARIF's tool description. */
import { createRequire } from "node:module";

interface PackageJson {
  version: string;
  homepage?: string;
}

// The same relative path from src/cli and from dist/cli (tsconfig.build.json maps src → dist).
const pkg = createRequire(import.meta.url)("../../package.json") as PackageJson;

export const TOOL_VERSION: string = pkg.version;
export const TOOL_HOMEPAGE: string | undefined = pkg.homepage;
