# syntax=docker/dockerfile:1
# One image for every role: the command picks it (scripts/start.ts, the same script `pnpm start`
# and the tests run).
#   docker run … mentora migrate   apply pending migrations (advisory-locked), then exit
#   docker run … mentora web       the portal on $PORT (3000)
#   docker run … mentora worker    the background worker
# See docs/deploy.md.

ARG NODE_IMAGE=node:24-slim
ARG PNPM_VERSION=12.21.0

FROM ${NODE_IMAGE} AS pnpm
ARG PNPM_VERSION
ENV CI=true
RUN npm install --global pnpm@${PNPM_VERSION} && pnpm --version
WORKDIR /app

# Everything needed to build: all dependencies, the Prisma client, the web build.
FROM pnpm AS build
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build

# Production dependencies only. Scripts are skipped: the one that matters (prisma generate, a
# dev tool) already ran in the build stage, whose generated client is copied below.
FROM pnpm AS prod-deps
COPY . .
RUN pnpm install --frozen-lockfile --prod --ignore-scripts

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
# The sources run as they are (Node strips the types); node_modules from prod-deps; the
# generated Prisma client and the web build from build.
COPY --from=prod-deps --chown=node:node /app /app
COPY --from=build --chown=node:node /app/packages/db/src/generated /app/packages/db/src/generated
COPY --from=build --chown=node:node /app/apps/web/build /app/apps/web/build
# Scratch space the app writes to (FILES_DIR is a mounted volume or S3 in production).
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# The web role answers /healthz (database round trip); compose disables it for worker/migrate.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "scripts/start.ts"]
CMD ["web"]
