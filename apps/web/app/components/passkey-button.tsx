import { useSubmit } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useT } from "~/lib/i18n";

/**
 * The browser half of a passkey ceremony: asks better-auth for options (which sets the signed
 * challenge cookie), lets the browser's WebAuthn create or use the key, then posts the answer
 * to this page's own action (intent "passkey" or "passkey-register"), which verifies it on the
 * server and redirects like any other form. Without JavaScript or WebAuthn the button is not
 * shown and the page's other forms still work.
 */
export function PasskeyButton({
  mode,
  label,
  action,
  nameInputId,
  className = "button button-secondary button-block",
}: {
  mode: "sign-in" | "register";
  label: string;
  /** The action URL the answer goes to (with its ?redirectTo=). */
  action?: string;
  /** register: the text input whose value names the new passkey. */
  nameInputId?: string;
  className?: string;
}) {
  const t = useT();
  const submit = useSubmit();
  const [supported, setSupported] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setSupported(typeof window.PublicKeyCredential === "function");
  }, []);
  if (!supported) return null;

  async function run() {
    setBusy(true);
    setFailed(false);
    try {
      // Loaded on click only: the library is not part of any other page.
      const webauthn = await import("@simplewebauthn/browser");
      if (mode === "register") {
        const options = await fetch("/api/auth/passkey/generate-register-options", {
          credentials: "same-origin",
        });
        if (options.status === 403) {
          // Adding a key needs a recent sign-in: confirm it, then come back here.
          const back = `${window.location.pathname}${window.location.search}`;
          window.location.assign(`/reauth?redirectTo=${encodeURIComponent(back)}`);
          return;
        }
        if (!options.ok) throw new Error(`options ${options.status}`);
        const response = await webauthn.startRegistration({ optionsJSON: await options.json() });
        const input = nameInputId ? document.getElementById(nameInputId) : null;
        const name = input instanceof HTMLInputElement ? input.value : "";
        submit(
          { intent: "passkey-register", response: JSON.stringify(response), name },
          { method: "post", action },
        );
      } else {
        const options = await fetch("/api/auth/passkey/generate-authenticate-options", {
          credentials: "same-origin",
        });
        if (!options.ok) throw new Error(`options ${options.status}`);
        const response = await webauthn.startAuthentication({ optionsJSON: await options.json() });
        submit(
          { intent: "passkey", response: JSON.stringify(response) },
          { method: "post", action },
        );
      }
    } catch {
      // Cancelled by the person, no key on this device, or refused: say so, keep the page.
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className={className}
        disabled={busy}
        onClick={run}
        data-testid={`passkey-${mode}`}
      >
        {busy ? t("web.form.submitting") : label}
      </button>
      {failed ? (
        <div className="alert alert-error" role="alert">
          {t("web.accounts.passkeys.failed")}
        </div>
      ) : null}
    </>
  );
}
