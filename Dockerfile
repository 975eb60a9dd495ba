# syntax=docker/dockerfile:1
# Node 26, the current LTS line (Node 20 reached its end of life in April 2026; cockatiel 4 needs >= 22).
ARG NODE_IMAGE=node:26-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci runs it (postinstall): graphql-jit's leaves without per-row garbage, see the script.
COPY scripts/patch-graphql-jit.mjs ./scripts/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY schema ./schema
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/patch-graphql-jit.mjs ./scripts/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The examples GraphiQL offers (when GATEWAY_GRAPHIQL=on), and the trusted-documents manifest:
# only the documents `npm run codegen` wrote into it run, unless GATEWAY_TRUSTED_DOCUMENTS is set empty.
COPY schema/operations ./schema/operations
COPY schema/generated/persisted-documents.json ./schema/generated/persisted-documents.json
ENV GATEWAY_TRUSTED_DOCUMENTS=/app/schema/generated/persisted-documents.json
USER node
EXPOSE 4000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1's child of nothing: SIGTERM reaches the gateway, which finishes requests in
# flight (GATEWAY_SHUTDOWN_TIMEOUT_MS) and exits 0. `npm run` would leave node orphaned.
CMD ["node", "dist/main.js", "live"]
