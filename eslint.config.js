import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/", "coverage/", "node_modules/", "src/core/schema-validators/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // The installed commands are CommonJS (bin/package.json): a CommonJS entry starts without
    // Node's ES module loader.
    files: ["bin/**/*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The core is pure: no file system, network, process or GitHub client.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["node:fs*", "fs", "fs/*", "node:net", "node:http*", "node:child_process"],
              message: "core is pure: no I/O",
            },
            { group: ["probot", "@octokit/*"], message: "core does not talk to GitHub" },
          ],
        },
      ],
      "no-restricted-globals": ["error", "process", "fetch"],
    },
  },
);
