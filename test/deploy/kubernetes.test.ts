// The kustomize base in deploy/kubernetes: every object validated against the Kubernetes API schemas
// (kubernetes-models), and the properties we promise checked on the objects themselves.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { parseAllDocuments } from "yaml";

const dir = new URL("../../deploy/kubernetes/", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dir), "utf8");
const kustomization = parseAllDocuments(read("kustomization.yaml"))[0]?.toJSON() as {
  resources: string[];
  images: { name: string }[];
};

type Validated = Deployment | Service | HorizontalPodAutoscaler | Secret;
function model(object: { apiVersion?: string; kind?: string }): Validated {
  const key = `${object.apiVersion}/${object.kind}`;
  const data = object as never;
  if (key === "apps/v1/Deployment") return new Deployment(data);
  if (key === "v1/Service") return new Service(data);
  if (key === "autoscaling/v2/HorizontalPodAutoscaler") return new HorizontalPodAutoscaler(data);
  if (key === "v1/Secret") return new Secret(data);
  throw new Error(`no schema for ${key}`);
}

const objects = [...kustomization.resources, "secret.example.yaml"].flatMap((file) =>
  parseAllDocuments(read(file)).map((doc) => ({ file, object: doc.toJSON() as { kind: string } })),
);
const deployments = objects.map((o) => o.object).filter((o): o is Deployment => o.kind === "Deployment");

describe("deploy/kubernetes", () => {
  it.each(objects.map((o) => [`${o.file} (${o.object.kind})`, o.object] as const))(
    "%s is valid against the Kubernetes API schema",
    (_name, object) => {
      expect(() => model(object).validate()).not.toThrow();
    },
  );

  it("rejects an object the schema forbids (the validator is really checking)", () => {
    const broken = structuredClone(deployments[0]) as unknown as { spec: { replicas: unknown } };
    broken.spec.replicas = "two";
    expect(() => model(broken as never).validate()).toThrow();
  });

  it("has a server and a worker with an autoscaler", () => {
    const names = deployments.map((d) => d.metadata?.name);
    expect(names).toEqual(["devops-agent-server", "devops-agent-worker"]);
    const hpa = objects.find((o) => o.object.kind === "HorizontalPodAutoscaler")
      ?.object as HorizontalPodAutoscaler;
    expect(hpa.spec?.scaleTargetRef.name).toBe("devops-agent-worker");
    const worker = deployments[1]?.spec?.template.spec?.containers[0];
    expect(worker?.args).toEqual(["node", "bin/devops-agent.js", "worker"]);
  });

  it.each(deployments.map((d) => [d.metadata?.name ?? "?", d] as const))(
    "%s runs non-root on a read-only root filesystem, with limits, probes and secrets from a Secret",
    (_name, deployment) => {
      const pod = deployment.spec?.template.spec;
      expect(pod?.securityContext?.runAsNonRoot).toBe(true);
      expect(pod?.automountServiceAccountToken).toBe(false);
      for (const container of pod?.containers ?? []) {
        expect(container.image).toBe(kustomization.images[0]?.name);
        expect(container.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ["ALL"] },
        });
        expect(container.resources?.limits).toEqual(
          expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }),
        );
        expect(container.readinessProbe?.httpGet?.path).toBe("/healthz");
        expect(container.livenessProbe?.httpGet?.path).toBe("/healthz");
        expect(container.envFrom).toEqual([{ secretRef: { name: "devops-agent" } }]);
        // Secrets only come from the Secret: no literal secret values in the manifests.
        const literal = (container.env ?? []).map((e) => e.name);
        expect(literal.filter((n) => /KEY|SECRET|REDIS_URL|TOKEN/.test(n))).toEqual([]);
      }
    },
  );
});
