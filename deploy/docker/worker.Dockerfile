# syntax=docker/dockerfile:1.7
# The console's Temporal worker (packages/worker: a Backstage backend with
# only the executions worker, and the pre-built workflow bundle).
# Build from the repository root:
#
#   docker buildx build -f deploy/docker/worker.Dockerfile -t ai-ops-console/worker .
#
# Multi-stage, as in Backstage's "multi-stage build" guide: a manifest-only
# skeleton (so `yarn install` is cached until a package.json or yarn.lock
# changes), a build stage with the full source, and a production stage with
# production dependencies only, run as the unprivileged `node` user.
ARG NODE_IMAGE=node:24-trixie-slim

# --- 1. the package.json files only --------------------------------------
FROM ${NODE_IMAGE} AS packages
WORKDIR /app
COPY package.json yarn.lock .yarnrc.yml ./
COPY .yarn/releases ./.yarn/releases
# Patched dependencies (package.json resolutions: patch:…#~/.yarn/patches/…).
COPY .yarn/patches ./.yarn/patches
COPY packages packages
COPY plugins plugins
# Keep packages/<pkg>/package.json and plugins/<capability>/<pkg>/package.json.
RUN find packages -mindepth 2 -maxdepth 2 \! -name package.json -exec rm -rf {} \+ && \
    find plugins -mindepth 3 -maxdepth 3 \! -name package.json -exec rm -rf {} \+ && \
    find plugins -mindepth 2 -maxdepth 2 -type f -exec rm -f {} \+

# --- 2. build ---------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
# Toolchain for any native module without a prebuilt binary.
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && \
    apt-get install -y --no-install-recommends python3 g++ make && \
    rm -rf /var/lib/apt/lists/*
# Yarn 4 runs from the committed release (.yarn/releases), never a global one.
RUN rm -f /usr/local/bin/yarn /usr/local/bin/yarnpkg && \
    printf '#!/bin/sh\nexec node "$(ls /app/.yarn/releases/yarn-*.cjs | head -n1)" "$@"\n' >/usr/local/bin/yarn && \
    chmod +x /usr/local/bin/yarn
USER node
WORKDIR /app
COPY --from=packages --chown=node:node /app .
RUN --mount=type=cache,target=/home/node/.yarn/berry/cache,sharing=locked,uid=1000,gid=1000 \
    yarn install --immutable
COPY --chown=node:node . .
RUN yarn tsc
# Bundles the interpreter workflow (dist-bundle/workflow-bundle.js with the
# tracing interceptors and workflow-bundle-untraced.js without them, so the
# worker never runs webpack at start), builds the worker's workspace
# dependencies, then writes dist/skeleton.tar.gz and dist/bundle.tar.gz.
RUN yarn workspace worker build

# --- 3. production ------------------------------------------------------------
FROM ${NODE_IMAGE} AS production
# tini reaps children and forwards SIGTERM, so Kubernetes and compose stop
# the worker gracefully (the Temporal worker finishes its running activities
# within its shutdown grace time, then exits).
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && \
    apt-get install -y --no-install-recommends tini ca-certificates && \
    rm -rf /var/lib/apt/lists/* && \
    rm -f /usr/local/bin/yarn /usr/local/bin/yarnpkg && \
    printf '#!/bin/sh\nexec node "$(ls /app/.yarn/releases/yarn-*.cjs | head -n1)" "$@"\n' >/usr/local/bin/yarn && \
    chmod +x /usr/local/bin/yarn
ENV NODE_ENV=production
WORKDIR /app
# The code stays owned by root and read-only for the `node` user: the
# process writes nothing but /tmp, so readOnlyRootFilesystem works.
COPY --from=build /app/.yarn/releases ./.yarn/releases
COPY --from=build /app/.yarn/patches ./.yarn/patches
COPY --from=build /app/.yarnrc.yml /app/yarn.lock /app/package.json ./
COPY --from=build /app/packages/worker/dist/skeleton.tar.gz ./
RUN tar xzf skeleton.tar.gz && rm skeleton.tar.gz
RUN yarn workspaces focus --all --production && yarn cache clean --all
COPY --from=build /app/packages/worker/dist/bundle.tar.gz ./
RUN tar xzf bundle.tar.gz && rm bundle.tar.gz
# The base and production configuration; deployments add their own file
# (docker-compose mounts deploy/config/, the Helm chart a ConfigMap).
COPY app-config.yaml app-config.production.yaml app-config.worker.yaml ./

USER node
ENV BACKEND_PORT=7017
# 7017: HTTP (health only); 9465: Prometheus metrics; 9466: Temporal SDK metrics.
EXPOSE 7017 9465 9466
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=4 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.BACKEND_PORT||7017)+'/.backstage/health/v1/readiness').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# OpenTelemetry starts before the worker (docs/telemetry.md).
ENTRYPOINT ["/usr/bin/tini", "--", "node", "--require", "@ai-ops/telemetry/instrument", "packages/worker"]
CMD ["--config", "app-config.yaml", "--config", "app-config.production.yaml", "--config", "app-config.worker.yaml"]
