import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { config as zodConfig } from "zod/v4/core";

// Our CSP forbids eval: zod's first object parse probes `new Function`, which the browser
// reports as a CSP violation even though zod catches it. Parse without the JIT in the browser.
zodConfig({ jitless: true });

// A fetch the browser aborts (a navigation or a page load cutting a loader run short) rejects
// with an AbortError inside Remix's data stream, where no caller can catch it: not a failure,
// the next page loads its own data. Every other unhandled rejection is still reported.
window.addEventListener("unhandledrejection", (event) => {
  if ((event.reason as { name?: unknown } | null)?.name === "AbortError") event.preventDefault();
});

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
