/**
 * The permission matrix: who may run each command under the default `commands.min_permission`,
 * and how the collaborator-permission endpoint's answer becomes an access level.
 */
import { describe, expect, it } from "@jest/globals";
import { COMMANDS, DEFAULT_CONFIG } from "../../src/core/config.js";
import { accessFromCollaborator, allows, type Access } from "../../src/commands/permission.js";

const ACCESS: Access[] = ["none", "read", "triage", "write", "maintain", "admin"];

/** Expected lowest role per command (issue 5: read for reading, triage for claim, write for the rest). */
const LOWEST: Record<string, Access> = {
  help: "read",
  status: "read",
  next: "read",
  validate: "read",
  discover: "read",
  "batch-subplans": "read",
  "batch-executions": "read",
  claim: "triage",
  unclaim: "triage",
  assign: "write",
  sync: "write",
};

describe("permission matrix", () => {
  const cases = COMMANDS.flatMap((command) => ACCESS.map((access) => [command, access] as const));
  it.each(cases)("/parallel %s with %s access", (command, access) => {
    const required = DEFAULT_CONFIG.commands.min_permission[command];
    expect(required).toBe(LOWEST[command]);
    const expected = ACCESS.indexOf(access) >= ACCESS.indexOf(LOWEST[command]!);
    expect(allows(access, required)).toBe(expected);
  });

  it("honours a configured requirement above the default", () => {
    expect(allows("triage", "maintain")).toBe(false);
    expect(allows("maintain", "maintain")).toBe(true);
  });
});

describe("accessFromCollaborator", () => {
  it.each([
    [{ role_name: "admin", permission: "admin" }, "admin"],
    [{ role_name: "maintain", permission: "write" }, "maintain"],
    [{ role_name: "write", permission: "write" }, "write"],
    [{ role_name: "triage", permission: "read" }, "triage"],
    [{ role_name: "read", permission: "read" }, "read"],
    [{ role_name: "security-reviewer", permission: "write" }, "write"],
    [{ role_name: "custom", permission: "none" }, "none"],
    [{ role_name: "", permission: "" }, "none"],
    [{}, "none"],
  ])("%j grants %s", (data, access) => {
    expect(accessFromCollaborator(data)).toBe(access);
  });
});
