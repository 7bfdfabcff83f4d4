// The part of the GitHub world that GitHub Actions answers: a failed run's jobs, and their logs on the log
// host the API redirects to.
import nock from "nock";
import { WORLD_WEB, type Reply, type WorldRun } from "./world-types.js";

export const WORLD_LOG_HOST = "https://pipelines.actions.githubusercontent.com";

export function worldActions(runs: ReadonlyMap<number, WorldRun>) {
  /** GET routes of the Actions API; `null` when the path is not one of them. */
  const get = (path: string): Reply | null => {
    let m: RegExpExecArray | null;
    if ((m = /^\/actions\/runs\/(\d+)\/attempts\/\d+\/jobs$/.exec(path))) {
      const run = runs.get(Number(m[1]));
      const jobs = (run?.jobs ?? []).map((j) => ({
        id: j.id,
        run_id: run?.id,
        name: j.name,
        status: "completed",
        conclusion: "failure",
        html_url: `${WORLD_WEB}/actions/runs/${run?.id ?? 0}/job/${j.id}`,
        steps: [{ name: j.failedStep, status: "completed", conclusion: "failure", number: 1 }],
      }));
      return [200, { total_count: jobs.length, jobs }];
    }
    if ((m = /^\/actions\/jobs\/(\d+)\/logs$/.exec(path))) {
      return [302, "", { location: `${WORLD_LOG_HOST}/logs/job-${m[1]}.txt` }];
    }
    return null;
  };

  /** The log host, mocked only once a run exists, so scenarios without runs leave no unused mock behind. */
  const serveLogs = (): nock.Scope =>
    nock(WORLD_LOG_HOST)
      .persist()
      .get(/^\/logs\/job-\d+\.txt$/)
      .optionally()
      .reply((uri) => {
        const id = Number(/job-(\d+)/.exec(uri)?.[1]);
        const job = [...runs.values()].flatMap((r) => r.jobs).find((j) => j.id === id);
        return job ? [200, job.log] : [404, "gone"];
      });

  return { get, serveLogs };
}
