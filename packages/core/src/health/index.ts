/** Health: the liveness check. trpc/router.ts mounts ./router.ts; nothing else is shared. */
export {};
