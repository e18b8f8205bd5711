# Multi-stage build: compile the API and the wallboard, then ship dist/ with production deps.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY scripts/runtime.js scripts/register-aliases.js ./scripts/
EXPOSE 3000
USER node
CMD ["node", "-r", "./scripts/register-aliases.js", "dist/apps/api/src/main.js"]
