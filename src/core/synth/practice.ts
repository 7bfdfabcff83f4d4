// Arguments and blocks a resource cannot do its job without although the provider leaves them optional:
// an ECS service that runs no task definition, a Fargate task without awsvpc networking, a target group
// with no port. They are filled like required ones (a known value, a reference, or a described variable).
import { num, str, strs, type Value } from "../recipes/hcl/writer.js";
import type { ValueEnv } from "./values.js";

const NETWORK_LB = /\bnetwork\s+load\s+balanc|\bnlbs?\b/i;

const ARGS = new Set([
  "aws_ecs_service.task_definition",
  "aws_ecs_service.launch_type",
  "aws_ecs_service.desired_count",
  "aws_ecs_task_definition.requires_compatibilities",
  "aws_ecs_task_definition.network_mode",
  "aws_ecs_task_definition.cpu",
  "aws_ecs_task_definition.memory",
  "aws_ecs_task_definition.execution_role_arn",
  "aws_lb_target_group.port",
  "aws_lb_target_group.protocol",
  "aws_lb_target_group.target_type",
  "aws_lb_listener.port",
  "aws_lb_listener.protocol",
  "aws_ecs_service.load_balancer.container_name",
  "aws_elasticache_cluster.engine",
  "aws_lb.load_balancer_type",
  "aws_elasticache_cluster.node_type",
  "aws_ecs_service.load_balancer.container_port",
]);

/**
 * Blocks written although optional: a service on awsvpc (Fargate) must say its subnets, and a service
 * behind a load balancer registers its tasks with the target group the plan has.
 */
const BLOCKS: Record<string, readonly { block: string; when?: string }[]> = {
  aws_ecs_service: [
    { block: "network_configuration" },
    { block: "load_balancer", when: "aws_lb_target_group" },
  ],
};

export const requiredInPractice = (type: string, path: string): boolean => ARGS.has(`${type}.${path}`);

export const blocksInPractice = (type: string, has: (type: string) => boolean): string[] =>
  (BLOCKS[type] ?? []).filter((b) => b.when === undefined || has(b.when)).map((b) => b.block);

/**
 * The value for one of those arguments that is right for most users, or undefined: values.ts' table then
 * answers (a cache node type) or a variable is declared.
 */
export function practiceValue(type: string, path: string, env: ValueEnv): Value | undefined {
  switch (`${type}.${path}`) {
    // Fargate: no hosts to run, patch or scale; the smallest task size it offers.
    case "aws_ecs_service.launch_type":
      return str("FARGATE");
    case "aws_ecs_service.desired_count":
      return num(1);
    case "aws_ecs_task_definition.requires_compatibilities":
      return strs(["FARGATE"]);
    case "aws_ecs_task_definition.network_mode":
      return str("awsvpc");
    case "aws_ecs_task_definition.cpu":
      return str("256");
    case "aws_ecs_task_definition.memory":
      return str("512");
    case "aws_lb_target_group.port":
    case "aws_lb_listener.port":
    case "aws_ecs_service.load_balancer.container_port":
      return num(80);
    case "aws_lb.load_balancer_type":
      return str(NETWORK_LB.test(env.request) ? "network" : "application");
    // A network load balancer forwards TCP; an application one speaks HTTP.
    case "aws_lb_target_group.protocol":
    case "aws_lb_listener.protocol":
      return str(NETWORK_LB.test(env.request) ? "TCP" : "HTTP");
    case "aws_elasticache_cluster.engine":
      return str(env.words.has("memcached") ? "memcached" : "redis");
    // Tasks on awsvpc register by IP address, not by instance.
    case "aws_lb_target_group.target_type":
      return str(env.find("aws_ecs_service") === undefined ? "instance" : "ip");
  }
  return undefined;
}
