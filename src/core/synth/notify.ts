import { list, raw, str, strs } from "../recipes/hcl/writer.js";
import type { LinkEnv, Mention } from "./links.js";
import { refOf, setOnce, type Node } from "./node.js";

/**
 * What an event subscription calls each kind of source (`source_type`), and the attribute that holds the
 * identifier it wants in `source_ids` (a DB instance's `id` is its resource id, not its identifier).
 */
const SOURCES: Record<string, { sourceType: string; attribute: string }> = {
  aws_db_instance: { sourceType: "db-instance", attribute: "identifier" },
  aws_rds_cluster: { sourceType: "db-cluster", attribute: "id" },
  aws_db_parameter_group: { sourceType: "db-parameter-group", attribute: "id" },
  aws_redshift_cluster: { sourceType: "cluster", attribute: "id" },
  aws_redshift_parameter_group: { sourceType: "cluster-parameter-group", attribute: "id" },
  aws_docdb_cluster: { sourceType: "db-cluster", attribute: "id" },
  aws_docdb_cluster_instance: { sourceType: "db-instance", attribute: "id" },
  aws_neptune_cluster: { sourceType: "db-cluster", attribute: "id" },
  aws_neptune_cluster_instance: { sourceType: "db-instance", attribute: "id" },
  aws_dms_replication_instance: { sourceType: "replication-instance", attribute: "id" },
  aws_dms_replication_task: { sourceType: "replication-task", attribute: "id" },
};

/** The only two events a Glacier vault notifies of. */
const VAULT_EVENTS = ["ArchiveRetrievalCompleted", "InventoryRetrievalCompleted"];
const NOTIFY = /^(?:notif|alert)/;

/** `aws_<service>_event_subscription` of the source's service (RDS subscriptions are `aws_db_…`). */
const subscriptionOf = (type: string): string =>
  `aws_${type.split("_")[1]?.replace(/^rds$/, "db")}_event_subscription`;

/**
 * "A Redshift cluster with notifications on events", "events of the parameter group", "a Glacier vault with
 * notifications": the service's own event subscription (found by name in the schema) on the thing the
 * notification is about — the one named right after the word, else right before it, in the same sentence —
 * or the vault's `notification` block; the SNS topic they publish to is wired (or added) by the filler,
 * and its key lets the publishing service use it (closure.ts). Alarms carry their own notifications.
 */
export function addNotifications(
  env: LinkEnv,
  request: string,
  tokens: readonly { word: string; at: number }[],
  mentions: readonly Mention[],
): void {
  if (env.nodes.some((n) => /^aws_cloudwatch_(?:metric|composite)_alarm$/.test(n.type))) return;
  const boundaries = [...request.matchAll(/[.;!?](?:\s|$)|\n/g)].map((m) => m.index);
  const sentenceOf = (i: number): number => boundaries.filter((b) => b < (tokens[i]?.at ?? -1)).length;
  const done = new Set<Node>();
  tokens.forEach((token, v) => {
    if (!NOTIFY.test(token.word)) return;
    const here = mentions
      .filter((m) => sentenceOf(m.at) === sentenceOf(v))
      .flatMap((m) => (m.nodes ?? []).slice(0, 1).map((node) => ({ node, at: m.at })))
      .filter(({ node }) => node.type === "aws_glacier_vault" || notifiable(env, node.type));
    const source =
      here.filter((m) => m.at > v).sort((a, b) => a.at - b.at)[0] ??
      here.filter((m) => m.at < v).sort((a, b) => b.at - a.at)[0];
    if (source === undefined || done.has(source.node)) return;
    done.add(source.node);
    const node = source.node;
    if (node.type === "aws_glacier_vault") {
      setOnce(node, "notification.events", strs(VAULT_EVENTS), "notifies of completed retrievals");
      return;
    }
    const type = subscriptionOf(node.type);
    if (env.nodes.some((n) => n.type === type)) return;
    const subscription = env.add(type, `asked for: notifications of ${refOf(node)}`, source.at, node.name);
    const { sourceType, attribute } = SOURCES[node.type] ?? { sourceType: "", attribute: "id" };
    setOnce(subscription, "source_type", str(sourceType));
    setOnce(subscription, "source_ids", list(raw(`${refOf(node)}.${attribute}`)), `events of ${refOf(node)}`);
  });
}

const notifiable = (env: LinkEnv, type: string): boolean =>
  Object.hasOwn(SOURCES, type) && env.hasType(subscriptionOf(type));
