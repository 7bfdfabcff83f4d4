import type { Probot } from "probot";
import { z } from "zod";

const AppSchema = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/) });

export class IdentityError extends Error {
  override name = "IdentityError";
}

/**
 * The login the app comments as: `<slug>[bot]`, from `GET /app` with the app's own JWT, asked once at
 * start-up. Sticky comments, ownership and the auto-fix counter trust only comments by this login, so
 * another bot's comment carrying our marker is never read or edited. `override` (BOT_LOGIN) wins when set.
 */
export async function learnBotLogin(probot: Probot, override?: string): Promise<string> {
  if (override !== undefined && override !== "") return override;
  try {
    const octokit = await probot.auth();
    const { data } = await octokit.rest.apps.getAuthenticated();
    return `${AppSchema.parse(data).slug}[bot]`;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new IdentityError(
      `GET /app: cannot learn the app's own login (${reason}) — check APP_ID and the private key, ` +
        "or set BOT_LOGIN to the app's `<slug>[bot]` login",
    );
  }
}
