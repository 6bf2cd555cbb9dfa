#!/bin/sh
# Stand-in for Prisma's native schema engine, which Prisma's CLI would download at start-up.
# Mentora runs migrations through the WebAssembly engine instead: see packages/db/src/migrations.
echo "The native Prisma schema engine is not used in Mentora. Use: pnpm db:migrate, pnpm db:migration <name>, pnpm db:check" >&2
exit 1
