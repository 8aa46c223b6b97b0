# The plumbline container image: the CLI with its rules, policies, report templates and schemas, for
# CI jobs and the ECS scheduled task in examples/nightly/ecs-scheduled-task.
#   docker build -t plumbline:0.1.0 .
#   docker run --rm -v "$PWD:/work" -w /work plumbline:0.1.0 plumbline audit --hcl infra --format md
# It runs as the unprivileged "node" user (uid 1000) and needs no writable root filesystem beyond /tmp.

FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts are not needed (the HCL grammar is WebAssembly) and `prepare` would need the compiler.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY bin ./bin
COPY rules ./rules
COPY policies ./policies
COPY reports ./reports
COPY schemas ./schemas
COPY examples/nightly/run-nightly.mjs ./examples/nightly/run-nightly.mjs
RUN chmod 0755 bin/plumbline.js && ln -s /app/bin/plumbline.js /usr/local/bin/plumbline
USER 1000:1000
CMD ["plumbline", "--help"]
