-- CreateTable
CREATE TABLE "change_streams" (
    "document_id" UUID NOT NULL,
    "stream_key" TEXT NOT NULL,
    "last_seq" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "change_streams_pkey" PRIMARY KEY ("document_id","stream_key")
);

-- CreateTable
CREATE TABLE "change_events" (
    "document_id" UUID NOT NULL,
    "stream_key" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "type" TEXT NOT NULL,
    "annotation_id" UUID NOT NULL,
    "subject_author_id" UUID NOT NULL,
    "subject_hidden" BOOLEAN NOT NULL DEFAULT false,
    "actor_id" UUID NOT NULL,
    "client_id" TEXT,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "change_events_pkey" PRIMARY KEY ("document_id","stream_key","seq")
);

-- CreateIndex
CREATE INDEX "change_events_created_at_idx" ON "change_events"("created_at");

-- AddForeignKey
ALTER TABLE "change_streams" ADD CONSTRAINT "change_streams_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_events" ADD CONSTRAINT "change_events_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
