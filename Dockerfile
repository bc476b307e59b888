# One image for every role: the API (`node dist/src/main.js`, APP_ROLE=api or all) and the
# queue worker (`node dist/src/worker.js`, or main.js with APP_ROLE=worker).
# Build: docker build -t prompt-challenge .

# --- build: install everything, compile, then drop the dev dependencies ---
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- runtime: compiled code and production dependencies only ---
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The web client (web/), served by the API at `/`.
COPY --from=build /app/web/dist ./web/dist
# Mails go to .data/outbox when SMTP_URL is unset (MAIL_OUTBOX_DIR); the app runs as `node`.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# APP_ROLE selects the role (api | worker | all; default all). The worker service of
# docker-compose.yml runs `node dist/src/worker.js` instead.
CMD ["node", "dist/src/main.js"]
