import { z } from "zod";
import type { Job } from "../jobs/types.js";
import { parsePayload } from "./payloads.js";
import type { HandlerDeps, HandlerEvent } from "./types.js";

/** Repositories onboarded per delivery: a large install gets the first ones, the log names how many not. */
export const MAX_ONBOARD_PER_DELIVERY = 50;

const Repository = z.object({ name: z.string().min(1), full_name: z.string().min(3) });
const InstallationPayload = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  sender: z.object({ login: z.string().min(1) }),
  repositories: z.array(Repository).optional(),
  repositories_added: z.array(Repository).optional(),
});

/**
 * `installation.created` and `installation_repositories.added` → one `onboard` job per repository (the
 * task decides whether an issue is due). The job id carries the delivery and the repository, so a
 * redelivery is dropped by the queue; one job per repository keeps each delivery's work bounded.
 */
export function onInstallation(deps: HandlerDeps) {
  return async (event: HandlerEvent): Promise<void> => {
    const p = parsePayload(InstallationPayload, event);
    if (!p) return;
    const repositories = p.repositories_added ?? p.repositories ?? [];
    const taken = repositories.slice(0, MAX_ONBOARD_PER_DELIVERY);
    if (repositories.length > taken.length)
      event.log.warn(
        { delivery: event.id, repositories: repositories.length, onboarded: taken.length },
        `onboarding capped at ${MAX_ONBOARD_PER_DELIVERY} repositories per delivery; comment /agent setup on an issue in the others`,
      );
    for (const repository of taken) {
      const [owner, name] = repository.full_name.split("/");
      if (!owner || name !== repository.name) continue;
      const job: Job = {
        id: `${event.id}:onboard:${repository.full_name}`,
        deliveryId: event.id,
        installationId: p.installation.id,
        owner,
        repo: name,
        sender: p.sender.login,
        number: 0,
        isPullRequest: false,
        receivedAt: deps.now(),
        kind: "onboard",
      };
      if (!(await deps.enqueue(job))) event.log.info({ delivery: event.id }, "ignored: duplicate delivery");
    }
  };
}
