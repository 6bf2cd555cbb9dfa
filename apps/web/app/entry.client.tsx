import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { config as zodConfig } from "zod/v4/core";

// Our CSP forbids eval: zod's first object parse probes `new Function`, which the browser
// reports as a CSP violation even though zod catches it. Parse without the JIT in the browser.
zodConfig({ jitless: true });

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
