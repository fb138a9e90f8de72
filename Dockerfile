# syntax=docker/dockerfile:1
# One image for the API, the worker and the CLI (the command picks which).

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/cli/package.json apps/cli/
COPY packages/config/package.json packages/config/
COPY packages/db/package.json packages/db/
COPY packages/digest/package.json packages/digest/
COPY packages/feedback/package.json packages/feedback/
COPY packages/mail/package.json packages/mail/
COPY packages/observability/package.json packages/observability/
COPY packages/papers/package.json packages/papers/
COPY packages/queue/package.json packages/queue/
COPY packages/ranking/package.json packages/ranking/
COPY packages/subscriptions/package.json packages/subscriptions/
COPY packages/testing/package.json packages/testing/
COPY packages/tokens/package.json packages/tokens/
# npm install with the committed lockfile (see scripts/bootstrap.mjs for why not npm ci).
RUN npm install --no-audit --no-fund

FROM deps AS build
COPY . .
# Generates the Prisma client; the native schema engine is never downloaded (see scripts/).
RUN node scripts/prisma-generate.mjs && npm run typecheck

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
RUN groupadd --system paperboy && useradd --system --gid paperboy --home /app paperboy
COPY --from=build --chown=paperboy:paperboy /app /app
USER paperboy
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--import", "tsx", "apps/api/src/main.ts"]
