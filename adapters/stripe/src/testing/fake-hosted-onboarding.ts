import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeState } from "./fake-state.ts";
import { nowSeconds } from "./fake-state.ts";

const htmlText = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * Stripe's hosted Express onboarding, reduced to one button: GET /setup/e/<account>/<token>
 * shows the form; POST submits it (the account is complete), delivers the webhooks it caused,
 * and sends the payee to the link's return_url. An expired or used link sends them to its
 * refresh_url, as Stripe does, so the platform makes a new one.
 */
export function hostedOnboarding(deps: {
  state: FakeState;
  complete(accountId: string): void;
  deliver(): Promise<void>;
}) {
  const { state } = deps;
  return async function serve(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    rawBody: string,
  ): Promise<void> {
    const [, , kind, accountId = "", token = ""] = url.pathname.split("/");
    const link = state.accountLinks.get(token);
    if (kind !== "e" || !link || link.accountId !== accountId) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("This link is not valid.");
      return;
    }
    const redirect = (location: string) => {
      res.writeHead(303, { location });
      res.end();
    };
    if (req.method === "GET") {
      if (link.used || link.expiresAt < nowSeconds()) return redirect(link.refreshUrl);
      // Visiting consumes the link (Stripe's links are single-use); the form posts to it.
      link.used = true;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe Express onboarding (fake)</title></head>
<body><main><h1>Set up payouts for ${htmlText(accountId)}</h1>
<form method="post"><input type="hidden" name="submitted" value="1"><button type="submit">Agree and submit</button></form>
</main></body></html>`);
      return;
    }
    if (req.method === "POST" && new URLSearchParams(rawBody).get("submitted") === "1") {
      deps.complete(accountId);
      await deps.deliver();
      return redirect(link.returnUrl);
    }
    res.writeHead(405, { "content-type": "text/plain" });
    res.end("Method not allowed");
  };
}
