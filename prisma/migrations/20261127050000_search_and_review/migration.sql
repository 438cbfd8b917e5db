-- Full-text search over annotations, instructors' private feedback, @mentions and
-- in-app notifications (issue #6).

-- array_to_string is only STABLE (it can call any element type's output function), so a
-- generated column may not use it. For text[] the result never changes: this wrapper says so.
CREATE FUNCTION "marginalia_tags_text"(tags TEXT[]) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_to_string(tags, ' '), '') $$;

-- Bodies and quotes are prose: the 'english' configuration stems them ("citations" finds
-- "citation"). Tags are short labels from a vocabulary: they are indexed both stemmed and
-- with 'simple' (no stemming, no stop words), so a tag made of a stop word or a name is
-- still found when the query is also run through 'simple'. Body and tags weigh most.
ALTER TABLE "annotations" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, coalesce("body_text", '')), 'A') ||
  setweight(to_tsvector('english'::regconfig, coalesce("quote_exact", '')), 'B') ||
  setweight(to_tsvector('english'::regconfig, "marginalia_tags_text"("tags")), 'A') ||
  setweight(to_tsvector('simple'::regconfig, "marginalia_tags_text"("tags")), 'A')
) STORED;

-- CreateIndex
CREATE INDEX "annotations_search_vector_idx" ON "annotations" USING GIN ("search_vector");

-- The review page aggregates one group's annotations (optionally on one document).
CREATE INDEX "annotations_group_id_document_id_idx" ON "annotations"("group_id", "document_id");

-- CreateEnum
CREATE TYPE "notification_kind" AS ENUM ('reply', 'mention', 'feedback', 'resolved');

-- CreateTable
CREATE TABLE "annotation_feedback" (
    "id" UUID NOT NULL,
    "annotation_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "body" JSONB NOT NULL,
    "body_html" TEXT NOT NULL,
    "body_text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "annotation_feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "annotation_mentions" (
    "annotation_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "annotation_mentions_pkey" PRIMARY KEY ("annotation_id","user_id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "notification_kind" NOT NULL,
    "annotation_id" UUID NOT NULL,
    "actor_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "annotation_feedback_annotation_id_created_at_idx" ON "annotation_feedback"("annotation_id", "created_at");

-- CreateIndex
CREATE INDEX "annotation_mentions_user_id_idx" ON "annotation_mentions"("user_id");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");

-- AddForeignKey
ALTER TABLE "annotation_feedback" ADD CONSTRAINT "annotation_feedback_annotation_id_fkey" FOREIGN KEY ("annotation_id") REFERENCES "annotations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_feedback" ADD CONSTRAINT "annotation_feedback_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_mentions" ADD CONSTRAINT "annotation_mentions_annotation_id_fkey" FOREIGN KEY ("annotation_id") REFERENCES "annotations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_mentions" ADD CONSTRAINT "annotation_mentions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_annotation_id_fkey" FOREIGN KEY ("annotation_id") REFERENCES "annotations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
