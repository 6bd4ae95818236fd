/** The repository every handler works on, read the same way from any webhook payload. */

export interface RepositoryRef {
  owner: string;
  name: string;
  id: number;
  defaultBranch: string;
}

/** The payload fields this needs (push payloads name the owner by `name`, others by `login`). */
export interface PayloadRepository {
  owner?: { login?: string; name?: string | null } | null;
  name: string;
  id: number;
  default_branch: string;
}

export function repositoryRef(repository: PayloadRepository): RepositoryRef {
  return {
    owner: repository.owner?.login ?? repository.owner?.name ?? "",
    name: repository.name,
    id: repository.id,
    defaultBranch: repository.default_branch,
  };
}
