# One image for every Node service, the setup job and the admin console; compose.yaml picks the
# entry per service.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
# tsx runs the TypeScript sources directly, so dev dependencies are runtime dependencies here.
RUN npm ci --no-audit --no-fund
# The console is built once here; `next start` writes its caches under .next as the node user.
RUN NEXT_TELEMETRY_DISABLED=1 npm run build -w @trellis/admin && chown -R node:node admin/.next
USER node
