# parallel-plans GitHub App. Build: docker build -t parallel-plans .
# Run:   docker run -p 3000:3000 -e APP_ID=… -e PRIVATE_KEY="$(cat key.pem)" -e WEBHOOK_SECRET=… parallel-plans
# Scaled: add -e REDIS_URL=redis://… and run as many as you like (see docker-compose.yml).

# --- build: all dependencies, TypeScript compiled to dist/ ---
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied; the build is the next step.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY schemas ./schemas
COPY src ./src
RUN npx tsc -p tsconfig.build.json

# --- runtime: production dependencies only, non-root ---
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY schemas ./schemas
# The default prompt templates, read at run time by src/prompts/templates.ts.
COPY templates ./templates
COPY app.yml ./
USER node
EXPOSE 3000
# Liveness: GET /ping answers "PONG" (GET /ready is for load balancers: 503 while draining).
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ping').then(r=>r.text()).then(t=>process.exit(t==='PONG'?0:1),()=>process.exit(1))"]
# node runs as PID 1 on purpose: the server handles SIGTERM and SIGINT itself (drain, finish
# running jobs within SHUTDOWN_GRACE_SECONDS, exit 0) and starts no child processes, so there
# are no zombies for an init to reap. Keep SHUTDOWN_GRACE_SECONDS below the stop timeout
# (`docker stop` waits 10 s by default; `docker stop -t 30` or compose's stop_grace_period).
STOPSIGNAL SIGTERM
CMD ["node", "dist/server.js"]
