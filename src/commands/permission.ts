/**
 * Repository permissions, lowest to highest, and how the collaborator-permission endpoint's
 * answer maps onto them. `role_name` names the exact role (triage and maintain included);
 * `permission` is the legacy base role (maintain → write, triage → read), the fallback for
 * custom roles whose names mean nothing here.
 */
import type { Permission } from "../core/config.js";

/** Lowest to highest (GitHub's repository roles). */
export const PERMISSIONS: readonly Permission[] = ["read", "triage", "write", "maintain", "admin"];

/** What a user holds: one of the roles, or nothing. */
export type Access = Permission | "none";

function rank(access: Access): number {
  return access === "none" ? -1 : PERMISSIONS.indexOf(access);
}

/** Whether `access` is at least `required`. */
export function allows(access: Access, required: Permission): boolean {
  return rank(access) >= rank(required);
}

function asPermission(value: unknown): Permission | null {
  return typeof value === "string" && (PERMISSIONS as readonly string[]).includes(value)
    ? (value as Permission)
    : null;
}

/**
 * The access a `GET /repos/{owner}/{repo}/collaborators/{username}/permission` answer grants:
 * the role when it is a built-in one, else the legacy permission, else none.
 */
export function accessFromCollaborator(data: {
  role_name?: unknown;
  permission?: unknown;
}): Access {
  return asPermission(data.role_name) ?? asPermission(data.permission) ?? "none";
}
