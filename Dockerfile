# syntax=docker/dockerfile:1
# Node 24 is the active LTS line; the code itself runs on Node >= 20.19 (package.json engines).
ARG NODE_IMAGE=node:24-bookworm-slim

# Build stage: bundle src/ into dist/ with esbuild (scripts/build-app.ts), using the dev dependencies.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# terraform from HashiCorp's official release zip. The SHA256SUMS file must carry a valid signature by
# HashiCorp's release key (checked by fingerprint), and the zip must match its line in that file: a
# tampered or truncated download fails the build.
FROM ${NODE_IMAGE} AS terraform
ARG TERRAFORM_VERSION=1.11.4
ARG HASHICORP_KEY_FINGERPRINT=C874011F0AB405110D02105534365D9472D7468F
RUN apt-get update \
  && apt-get install -y --no-install-recommends ca-certificates curl gnupg unzip \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /tmp/terraform
RUN set -eux; \
  arch="$(dpkg --print-architecture)"; \
  zip="terraform_${TERRAFORM_VERSION}_linux_${arch}.zip"; \
  sums="terraform_${TERRAFORM_VERSION}_SHA256SUMS"; \
  base="https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}"; \
  curl -fsSLO "${base}/${zip}"; \
  curl -fsSLO "${base}/${sums}"; \
  curl -fsSLO "${base}/${sums}.sig"; \
  curl -fsSL https://www.hashicorp.com/.well-known/pgp-key.txt -o hashicorp.asc; \
  export GNUPGHOME="$(mktemp -d)"; \
  gpg --batch --quiet --import hashicorp.asc; \
  gpg --batch --with-colons --fingerprint | grep -q "^fpr:::::::::${HASHICORP_KEY_FINGERPRINT}:"; \
  gpg --batch --verify "${sums}.sig" "${sums}"; \
  grep " ${zip}\$" "${sums}" | sha256sum -c -; \
  unzip -q "${zip}" terraform; \
  install -m 0755 terraform /usr/local/bin/terraform; \
  /usr/local/bin/terraform version

# Runtime stage: production dependencies only, non-root, tini as PID 1 (signals reach node, zombies are
# reaped), git for workspaces, python3 for py_compile checks, bubblewrap and terraform for sandboxed
# validation. bubblewrap needs unprivileged user namespaces from the container runtime (see README).
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
  && apt-get install -y --no-install-recommends bubblewrap ca-certificates git python3 tini \
  && rm -rf /var/lib/apt/lists/*
COPY --from=terraform /usr/local/bin/terraform /usr/local/bin/terraform
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# dist/ holds the bundles and the data files they read (the AWS provider schema), see scripts/build-app.ts.
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY schema ./schema
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/server.js"]
