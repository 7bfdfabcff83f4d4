/**
 * A workspace operation failed. The message starts with the operation and its target
 * ("git clone https://github.com/o/r.git: …"), is already redacted, and ends with what to do.
 */
export class WorkspaceError extends Error {
  override name = "WorkspaceError";
  constructor(
    readonly operation: string,
    readonly target: string,
    readonly reason: string,
    readonly hint?: string,
  ) {
    super(`${operation} ${target}: ${reason}${hint === undefined ? "" : ` — ${hint}`}`);
  }
}

/** A path handed to writeFile/readFile that would leave the workspace or touch git's own files. */
export class PathRefusedError extends WorkspaceError {
  override name = "PathRefusedError";
  constructor(
    operation: string,
    relPath: string,
    reason: string,
    hint = "use a relative path inside the repository, outside .git/",
  ) {
    super(operation, JSON.stringify(relPath), reason, hint);
  }
}
