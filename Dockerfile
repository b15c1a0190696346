# The TechBridge app image, for docker-compose.yml (README "Production").
# Build stage: all dependencies, `remix build`; then dev dependencies are
# dropped. tsx stays (a runtime dependency): the npm run CLIs use it.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /app /app
USER node
EXPOSE 3000
CMD ["node", "server.mjs"]
