import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "~/components/error-page";
import { Alert, AlertTitle } from "~/components/ui/alert";
import { Avatar } from "~/components/ui/avatar";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardFooter, CardHeader } from "~/components/ui/card";
import { Checkbox, Radio } from "~/components/ui/checkbox";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
  DialogTrigger,
} from "~/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "~/components/ui/dropdown-menu";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "~/components/ui/popover";
import { Select } from "~/components/ui/select";
import { Separator } from "~/components/ui/separator";
import { Skeleton } from "~/components/ui/skeleton";
import { Table, TableCaption, TableCell, TableHead } from "~/components/ui/table";
import { TabLinks, Tabs, TabsContent, TabsList, TabsTrigger } from "~/components/ui/tabs";
import { Textarea } from "~/components/ui/textarea";
import { Toaster, useToast } from "~/components/ui/toast";
import { SegmentedLinks, ToggleGroup, ToggleGroupItem } from "~/components/ui/toggle-group";
import { Tooltip, TooltipProvider } from "~/components/ui/tooltip";
import { useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { httpError, withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.design.title");

/** The design system's gallery, documentation by example. Outside production only: else 404. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async ({ ctx }) => {
    if (ctx.services.config.app.env === "production") throw httpError(ctx, "NOT_FOUND");
    return null;
  });
}

const colourTokens = [
  ["bg", "text"],
  ["surface", "text"],
  ["surface-muted", "muted"],
  ["primary", "on-primary"],
  ["primary-soft", "info"],
  ["danger", "on-danger"],
  ["danger-soft", "danger"],
  ["success-soft", "success"],
  ["warning-soft", "warning"],
] as const;

// Literal class names, so Tailwind finds them in this file.
const swatchClass: Record<(typeof colourTokens)[number][0], string> = {
  bg: "bg-bg text-text",
  surface: "bg-surface text-text",
  "surface-muted": "bg-surface-muted text-muted",
  primary: "bg-primary text-on-primary",
  "primary-soft": "bg-primary-soft text-info",
  danger: "bg-danger text-on-danger",
  "danger-soft": "bg-danger-soft text-danger",
  "success-soft": "bg-success-soft text-success",
  "warning-soft": "bg-warning-soft text-warning",
};

const typeSteps = [
  ["text-xs", "text-xs"],
  ["text-sm", "text-sm"],
  ["text-base", "text-base"],
  ["text-lg", "text-lg"],
  ["text-xl", "text-xl"],
  ["text-2xl", "text-2xl"],
  ["text-3xl", "text-3xl"],
  ["text-4xl", "text-4xl"],
] as const;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mb-8">
      <h3 className="mb-3 border-b border-divider pb-1 text-lg">{title}</h3>
      {children}
    </section>
  );
}

function ToastDemo() {
  const t = useT();
  const toast = useToast();
  return (
    <Button
      variant="secondary"
      onClick={() =>
        toast({
          title: t("web.design.toastTitle"),
          description: t("web.design.toastBody"),
          tone: "success",
        })
      }
    >
      {t("web.design.showToast")}
    </Button>
  );
}

/** Every component once per scheme; `scheme` keeps ids and names apart between the two. */
function Gallery({ scheme }: { scheme: "light" | "dark" }) {
  const t = useT();
  return (
    <div>
      <Section title={t("web.design.colours")}>
        <ul className="m-0 grid list-none grid-cols-1 gap-2 p-0 sm:grid-cols-2">
          {colourTokens.map(([background, foreground]) => (
            <li
              key={background}
              className={`rounded-md border border-border px-3 py-2 font-mono text-sm ${swatchClass[background]}`}
            >
              {background} / {foreground}
            </li>
          ))}
        </ul>
      </Section>

      <Section title={t("web.design.type")}>
        {typeSteps.map(([name, className]) => (
          <p key={name} className={`mb-1 ${className}`}>
            <span className="mr-2 font-mono text-xs text-muted">{name}</span>
            {t("web.design.typeSample")}
          </p>
        ))}
      </Section>

      <Section title={t("web.design.buttons")}>
        <div className="flex flex-wrap items-center gap-2">
          <Button>{t("web.design.primary")}</Button>
          <Button variant="secondary">{t("web.design.secondary")}</Button>
          <Button variant="ghost">{t("web.design.ghost")}</Button>
          <Button variant="danger">{t("web.design.danger")}</Button>
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <Button size="sm">{t("web.design.small")}</Button>
          <Button size="lg">{t("web.design.large")}</Button>
          <Button disabled>{t("web.design.disabled")}</Button>
          <Button asChild variant="secondary">
            <a href="/mentors">{t("web.design.asLink")}</a>
          </Button>
        </div>
      </Section>

      <Section title={t("web.design.badges")}>
        <div className="flex flex-wrap gap-2">
          <Badge>{t("web.design.neutral")}</Badge>
          <Badge tone="primary">{t("web.design.confirmed")}</Badge>
          <Badge tone="success">{t("web.design.paid")}</Badge>
          <Badge tone="warning">{t("web.design.pending")}</Badge>
          <Badge tone="danger">{t("web.design.cancelled")}</Badge>
        </div>
      </Section>

      <Section title={t("web.design.alerts")}>
        <Alert tone="info">{t("web.design.alertInfo")}</Alert>
        <Alert tone="success">
          <AlertTitle>{t("web.design.alertSuccess")}</AlertTitle>
        </Alert>
        <Alert tone="warning">{t("web.design.alertWarning")}</Alert>
        <Alert tone="danger">{t("web.design.alertDanger")}</Alert>
      </Section>

      <Section title={t("web.design.forms")}>
        <form className="grid gap-4" onSubmit={(event) => event.preventDefault()}>
          <Field label={t("web.design.fullName")} hint={t("web.design.fullNameHint")}>
            <Input name="name" autoComplete="off" defaultValue="Ada Lovelace" />
          </Field>
          <Field label={t("web.design.email")} error={t("web.design.emailError")}>
            <Input name="email" type="email" autoComplete="off" defaultValue="ada@" />
          </Field>
          <Field label={t("web.design.message")}>
            <Textarea name="message" placeholder={t("web.design.messagePlaceholder")} rows={3} />
          </Field>
          <Field label={t("web.design.timeZone")}>
            <Select name="timeZone" defaultValue="Europe/Paris">
              <option value="Europe/Paris">Europe/Paris (UTC+01:00)</option>
              <option value="Africa/Tunis">Africa/Tunis (UTC+01:00)</option>
              <option value="America/New_York">America/New_York (UTC−05:00)</option>
            </Select>
          </Field>
          <Checkbox
            id={`design-reminders-${scheme}`}
            name="reminders"
            defaultChecked
            label={t("web.design.reminders")}
            hint={t("web.design.remindersHint")}
          />
          <fieldset>
            <legend>{t("web.design.length")}</legend>
            <div className="flex flex-wrap gap-4">
              <Radio name={`length-${scheme}`} value="30" label={t("web.design.minutes30")} />
              <Radio
                name={`length-${scheme}`}
                value="60"
                defaultChecked
                label={t("web.design.minutes60")}
              />
            </div>
          </fieldset>
          <div>
            <Button type="submit">{t("web.design.save")}</Button>
          </div>
        </form>
      </Section>

      <Section title={t("web.design.cards")}>
        <Card>
          <CardHeader>
            <p className="m-0 text-lg font-semibold">{t("web.design.cardTitle")}</p>
            <p className="m-0 text-muted">{t("web.design.cardBody")}</p>
          </CardHeader>
          <p className="m-0 text-2xl font-bold">€60</p>
          <CardFooter>
            <Button>{t("web.design.book")}</Button>
          </CardFooter>
        </Card>
      </Section>

      <Section title={t("web.design.avatars")}>
        <div className="flex items-center gap-3">
          <Avatar name="Ada Lovelace" size="sm" />
          <Avatar name="Joël Lefèvre" />
          <Avatar name="Ana Núñez" size="lg" src="/avatars/initials/Ana%20N%C3%BA%C3%B1ez" />
        </div>
      </Section>

      <Section title={t("web.design.skeleton")}>
        <div role="status" className="flex items-center gap-3">
          <span className="sr-only">{t("web.design.loading")}</span>
          <Skeleton className="size-12 rounded-full" />
          <div className="grid flex-1 gap-2">
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-4 w-1/2" />
          </div>
        </div>
      </Section>

      <Section title={t("web.design.separator")}>
        <p className="m-0">{t("web.design.above")}</p>
        <Separator />
        <p className="m-0">{t("web.design.below")}</p>
      </Section>

      <Section title={t("web.design.table")}>
        <Table label={t("web.design.tableCaption")}>
          <TableCaption>{t("web.design.tableCaption")}</TableCaption>
          <thead>
            <tr>
              <TableHead>{t("web.design.date")}</TableHead>
              <TableHead>{t("web.design.mentor")}</TableHead>
              <TableHead className="text-right">{t("web.design.amount")}</TableHead>
              <TableHead>{t("web.design.status")}</TableHead>
            </tr>
          </thead>
          <tbody>
            <tr>
              <TableCell>2026-12-08</TableCell>
              <TableCell>Joël Lefèvre</TableCell>
              <TableCell className="text-right">€60.00</TableCell>
              <TableCell>
                <Badge tone="success">{t("web.design.paid")}</Badge>
              </TableCell>
            </tr>
            <tr>
              <TableCell>2026-12-01</TableCell>
              <TableCell>Ana Núñez</TableCell>
              <TableCell className="text-right">TND 90.000</TableCell>
              <TableCell>
                <Badge tone="warning">{t("web.design.pending")}</Badge>
              </TableCell>
            </tr>
          </tbody>
        </Table>
      </Section>

      <Section title={t("web.design.tabs")}>
        <Tabs defaultValue="upcoming">
          <TabsList>
            <TabsTrigger value="upcoming">{t("web.design.upcoming")}</TabsTrigger>
            <TabsTrigger value="past">{t("web.design.past")}</TabsTrigger>
            <TabsTrigger value="cancelled">{t("web.design.cancelled")}</TabsTrigger>
          </TabsList>
          <TabsContent value="upcoming">{t("web.design.upcomingPanel")}</TabsContent>
          <TabsContent value="past">{t("web.design.pastPanel")}</TabsContent>
          <TabsContent value="cancelled">{t("web.design.cancelledPanel")}</TabsContent>
        </Tabs>
        <div className="mt-4">
          <TabLinks
            label={`${t("web.design.tabLinks")} (${t(`web.design.${scheme}`)})`}
            items={[
              { href: "/design", label: t("web.design.upcoming"), current: true },
              { href: "/design?tab=past", label: t("web.design.past"), current: false },
            ]}
          />
        </div>
      </Section>

      <Section title={t("web.design.toggles")}>
        <ToggleGroup type="single" defaultValue="24" aria-label={t("web.design.clockFormat")}>
          <ToggleGroupItem value="12">{t("web.design.hours12")}</ToggleGroupItem>
          <ToggleGroupItem value="24">{t("web.design.hours24")}</ToggleGroupItem>
        </ToggleGroup>
        <div className="mt-3">
          <SegmentedLinks
            label={`${t("web.design.clockFormat")} (${t(`web.design.${scheme}`)})`}
            items={[
              { href: "/design?clock=12", label: t("web.design.hours12"), current: false },
              { href: "/design?clock=24", label: t("web.design.hours24"), current: true },
            ]}
          />
        </div>
      </Section>

      <Section title={t("web.design.overlays")}>
        <div className="flex flex-wrap items-center gap-2">
          <Dialog>
            <DialogTrigger asChild>
              <Button variant="danger">{t("web.design.openDialog")}</Button>
            </DialogTrigger>
            <DialogContent closeLabel={t("web.design.close")}>
              <DialogTitle>{t("web.design.dialogTitle")}</DialogTitle>
              <DialogDescription>{t("web.design.dialogBody")}</DialogDescription>
              <DialogFooter>
                <DialogClose asChild>
                  <Button variant="secondary">{t("web.design.keep")}</Button>
                </DialogClose>
                <DialogClose asChild>
                  <Button variant="danger">{t("web.design.cancelBooking")}</Button>
                </DialogClose>
              </DialogFooter>
            </DialogContent>
          </Dialog>
          <Popover>
            <PopoverTrigger asChild>
              <Button variant="secondary">{t("web.design.priceDetails")}</Button>
            </PopoverTrigger>
            <PopoverContent>
              <p className="m-0">{t("web.design.priceBody")}</p>
            </PopoverContent>
          </Popover>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="secondary">{t("web.design.actions")}</Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent>
              <DropdownMenuItem>{t("web.design.reschedule")}</DropdownMenuItem>
              <DropdownMenuItem>{t("web.design.messageMentor")}</DropdownMenuItem>
              <DropdownMenuSeparator />
              <DropdownMenuItem className="text-danger data-[highlighted]:text-danger">
                {t("web.design.cancelBooking")}
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
          <Tooltip content={t("web.design.vatTooltip")}>
            <Button variant="ghost" size="sm">
              {t("web.design.vatInfo")}
            </Button>
          </Tooltip>
          <ToastDemo />
        </div>
      </Section>
    </div>
  );
}

export default function DesignSystem() {
  const t = useT();
  return (
    <TooltipProvider delayDuration={200}>
      <Toaster closeLabel={t("web.design.close")}>
        <div className="container-wide" data-testid="design-system">
          <h1>{t("web.design.heading")}</h1>
          <p className="max-w-3xl text-muted">{t("web.design.intro")}</p>
          <div className="grid gap-6 lg:grid-cols-2">
            {(["light", "dark"] as const).map((scheme) => (
              <section
                key={scheme}
                aria-labelledby={`design-${scheme}`}
                className={`scheme-${scheme} rounded-xl border border-border bg-bg p-4 text-text sm:p-6`}
              >
                <h2 id={`design-${scheme}`} className="text-2xl">
                  {t(`web.design.${scheme}`)}
                </h2>
                <Gallery scheme={scheme} />
              </section>
            ))}
          </div>
        </div>
      </Toaster>
    </TooltipProvider>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
