import { Toast as ToastPrimitive } from "radix-ui";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { cn } from "~/lib/cn";
import { CloseIcon } from "./dialog";

type Tone = "info" | "success" | "danger";
interface ToastMessage {
  id: number;
  title: string;
  description?: string;
  tone: Tone;
}

const ToastContext = createContext<((toast: Omit<ToastMessage, "id">) => void) | null>(null);

const tones: Record<Tone, string> = {
  info: "border-primary-border",
  success: "border-success-border",
  danger: "border-danger-border",
};

let nextId = 1;

/**
 * Toasts (Radix: announced politely, swipe or Escape to dismiss, paused on hover/focus). Only
 * for news that is also visible elsewhere: toasts need JavaScript, so a form's result must stay
 * in the page too (StatusNotice / Alert), and a toast only repeats it.
 */
export function Toaster({ children, closeLabel }: { children: ReactNode; closeLabel: string }) {
  const [toasts, setToasts] = useState<ToastMessage[]>([]);
  const show = useCallback((toast: Omit<ToastMessage, "id">) => {
    setToasts((current) => [...current, { ...toast, id: nextId++ }]);
  }, []);
  const remove = (id: number) => setToasts((current) => current.filter((t) => t.id !== id));
  return (
    <ToastContext.Provider value={show}>
      <ToastPrimitive.Provider duration={6000}>
        {children}
        {toasts.map((toast) => (
          <ToastPrimitive.Root
            key={toast.id}
            onOpenChange={(open) => (open ? undefined : remove(toast.id))}
            className={cn(
              "relative grid gap-1 rounded-lg border-l-4 border border-border bg-surface p-4 pr-10 text-text shadow-popover data-[state=open]:animate-fade-in",
              tones[toast.tone],
            )}
          >
            <ToastPrimitive.Title className="font-semibold">{toast.title}</ToastPrimitive.Title>
            {toast.description ? (
              <ToastPrimitive.Description className="text-sm text-muted">
                {toast.description}
              </ToastPrimitive.Description>
            ) : null}
            <ToastPrimitive.Close
              aria-label={closeLabel}
              className="absolute top-3 right-3 inline-flex size-7 cursor-pointer items-center justify-center rounded-md text-muted hover:bg-surface-muted hover:text-text"
            >
              <CloseIcon />
            </ToastPrimitive.Close>
          </ToastPrimitive.Root>
        ))}
        <ToastPrimitive.Viewport className="fixed right-0 bottom-0 z-[60] m-0 flex w-full max-w-sm list-none flex-col gap-2 p-4 outline-none" />
      </ToastPrimitive.Provider>
    </ToastContext.Provider>
  );
}

/** `const toast = useToast(); toast({ title, tone: "success" })` inside a `<Toaster>`. */
export function useToast() {
  const show = useContext(ToastContext);
  return useMemo(
    () =>
      show ??
      (() => {
        throw new Error("useToast outside <Toaster>");
      }),
    [show],
  );
}
