-- CreateIndex
CREATE INDEX "payment_createdAt_id_idx" ON "payment"("createdAt", "id");
