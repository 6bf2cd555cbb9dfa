import { randomBytes } from "node:crypto";

export interface FakeKonnectTransaction {
  status: "success" | "failed_payment";
  method: "bank_card";
  amount: number;
  createdAt: string;
}

export interface FakeKonnectPayment {
  id: string;
  status: "pending" | "completed";
  amount: number;
  token: string;
  type: string;
  description?: string;
  orderId?: string;
  webhook?: string;
  successUrl?: string;
  failUrl?: string;
  expiresAt: Date;
  /** The payer's page no longer takes attempts (abandoned until its lifespan ran out). */
  closed: boolean;
  transactions: FakeKonnectTransaction[];
}

/** The fake's ledger of payments and what a payer can do on Konnect's page. */
export class FakeKonnectPayments {
  readonly byRef = new Map<string, FakeKonnectPayment>();
  /** URLs Konnect would GET after each payer attempt (it notifies failed attempts too). */
  readonly webhookCalls: string[] = [];

  create(body: Record<string, unknown>, now: Date): FakeKonnectPayment {
    const lifespan = typeof body.lifespan === "number" ? body.lifespan : 10;
    const payment: FakeKonnectPayment = {
      id: randomBytes(12).toString("hex"),
      status: "pending",
      amount: body.amount as number,
      token: typeof body.token === "string" ? body.token : "TND",
      type: typeof body.type === "string" ? body.type : "immediate",
      expiresAt: new Date(now.getTime() + lifespan * 60_000),
      closed: false,
      transactions: [],
    };
    for (const key of ["description", "orderId", "webhook", "successUrl", "failUrl"] as const) {
      if (typeof body[key] === "string") payment[key] = body[key] as string;
    }
    this.byRef.set(payment.id, payment);
    return payment;
  }

  attempt(ref: string, outcome: "pay" | "decline"): void {
    const payment = this.mustGet(ref);
    if (payment.closed || payment.status === "completed") {
      throw new Error(`Konnect payment ${ref} takes no more attempts`);
    }
    payment.transactions.push({
      status: outcome === "pay" ? "success" : "failed_payment",
      method: "bank_card",
      amount: payment.amount,
      createdAt: new Date().toISOString(),
    });
    // A declined card leaves the payment pending: only the payment status tells the truth.
    if (outcome === "pay") payment.status = "completed";
    if (payment.webhook) {
      const url = new URL(payment.webhook);
      url.searchParams.set("payment_ref", ref);
      this.webhookCalls.push(url.toString());
    }
  }

  /** Konnect documents only completed/pending: an expired payment still reads pending. */
  expire(ref: string): void {
    this.mustGet(ref).closed = true;
  }

  details(payment: FakeKonnectPayment): unknown {
    const reached = payment.status === "completed" ? payment.amount : 0;
    return {
      payment: {
        id: payment.id,
        status: payment.status,
        amount: payment.amount,
        amountDue: payment.amount - reached,
        reachedAmount: reached,
        token: payment.token,
        type: payment.type,
        details: payment.description,
        orderId: payment.orderId,
        expirationDate: payment.expiresAt.toISOString(),
        transactions: payment.transactions,
      },
    };
  }

  private mustGet(ref: string): FakeKonnectPayment {
    const payment = this.byRef.get(ref);
    if (!payment) throw new Error(`Fake Konnect knows no payment ${ref}`);
    return payment;
  }
}
