# One image for every Node service and the setup job; compose.yaml picks the entry per service.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
# tsx runs the TypeScript sources directly, so dev dependencies are runtime dependencies here.
RUN npm ci --no-audit --no-fund
USER node
