/** The package's own metadata, for `--version`, SARIF's tool description and its rule links. */
import { createRequire } from "node:module";

interface PackageJson {
  version: string;
  homepage?: string;
  repository?: { url?: string } | string;
}

// The same relative path from src/cli and from dist/cli (tsconfig.build.json maps src → dist).
const pkg = createRequire(import.meta.url)("../../package.json") as PackageJson;

export const TOOL_VERSION: string = pkg.version;
export const TOOL_HOMEPAGE: string | undefined = pkg.homepage;

/** The repository's web address (`git+https://github.com/o/r.git` → `https://github.com/o/r`). */
function repositoryWeb(): string | undefined {
  const url = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
  if (url === undefined) return undefined;
  return url.replace(/^git\+/, "").replace(/\.git$/, "");
}

const web = repositoryWeb();
/**
 * docs/rules.md as published with this version's tag (`v<version>`), so a rule's help link shows
 * the rule as this version applies it.
 */
export const TOOL_RULES_URI: string | undefined =
  web === undefined ? undefined : `${web}/blob/v${TOOL_VERSION}/docs/rules.md`;
