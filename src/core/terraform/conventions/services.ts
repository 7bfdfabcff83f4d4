// Resource types whose first word is not the service people file them under.
const SERVICE_OF_PREFIX: Record<string, string> = {
  ami: "ec2",
  default: "vpc",
  eip: "ec2",
  instance: "ec2",
  internet: "vpc",
  key: "ec2",
  launch: "ec2",
  nat: "vpc",
  network: "vpc",
  route: "vpc",
  security: "vpc",
  subnet: "vpc",
  alb: "elb",
  lb: "elb",
  db: "rds",
  autoscaling: "ec2",
  ebs: "ec2",
  vpc: "vpc",
};

/** The service a resource type belongs to: `aws_s3_bucket_policy` → `s3`, `aws_security_group` → `vpc`, `random_id` → `random`. */
export function serviceOf(type: string): string {
  const [provider = type, ...words] = type.split("_");
  // Other providers' resources (random_id, tls_private_key) are filed by provider.
  if (provider !== "aws") return provider;
  const first = words[0] ?? type;
  return Object.hasOwn(SERVICE_OF_PREFIX, first) ? (SERVICE_OF_PREFIX[first] ?? first) : first;
}

/** Accepts a service (`S3`) or a resource type (`aws_s3_bucket`) and gives the service name. */
export function normalizeService(service: string): string {
  const lower = service.trim().toLowerCase();
  if (lower.startsWith("aws_")) return serviceOf(lower);
  return lower.replace(/[^a-z0-9_-]/g, "") || "main";
}
