/** A plan input that cannot be summarized. The message is one line, fit for a CLI error or a PR comment. */
export class PlanParseError extends Error {
  override name = "PlanParseError";
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, " "));
  }
}
