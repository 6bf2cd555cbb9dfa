export const receipts = {
  title: "Receipts",
  heading: "My receipts",
  empty: "No payment yet.",
  date: "Date",
  what: "For",
  amount: "Amount",
  split: "Paid with",
  refunds: "Refunds",
  invoice: "Invoice",
  topUp: "Wallet top-up",
  walletPart: "Wallet: {amount}",
  cardPart: "Card: {amount}",
  refundStatus: {
    PENDING: "in progress",
    SUCCEEDED: "refunded",
    FAILED: "failed",
  },
  refundTo: {
    ORIGINAL: "to the original payment method",
    WALLET: "to the wallet",
  },
  pagination: "Receipt pages",
};
