export interface ExcerptOptions {
  /** Most lines the excerpt may hold (default 200). */
  maxLines?: number;
  /** Most UTF-8 bytes the excerpt text may hold (default 32 KiB). */
  maxBytes?: number;
  /** Lines kept before an error line (default 5); the runner's "Process completed" verdict gets 30. */
  contextBefore?: number;
  /** Lines kept after the last error line of a window (default 12). */
  contextAfter?: number;
  /** Longer lines are cut (default 1000 characters). */
  maxLineLength?: number;
}

export interface LogStep {
  name: string;
  /** 1-based line number of the `##[group]Run …` line in the cleaned log. */
  firstLine: number;
  /** `##[error]` lines the runner wrote in this step. */
  errors: number;
}

/** The part of a job log that explains the failure, bounded in size whatever the log size. */
export interface LogExcerpt {
  /** Cleaned lines (no timestamps, ANSI or box borders) with `… N lines omitted …` markers at gaps. */
  lines: string[];
  text: string;
  /** The first step the runner marked with `##[error]`, else the step of the last error seen. */
  failingStep: string | null;
  /** Steps in log order (at most 200 are listed). */
  steps: LogStep[];
  totalLines: number;
  /** True when the excerpt leaves out lines of the log. */
  truncated: boolean;
  /** True when the input is mostly not text; `lines` is then empty. */
  binary: boolean;
  /** True when the log has no non-blank line. */
  empty: boolean;
}

export interface ExcerptBuilder {
  /** Feeds one raw log line (without its newline). */
  push(rawLine: string): void;
  finish(): LogExcerpt;
}
