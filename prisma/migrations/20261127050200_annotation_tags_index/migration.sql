-- The review's queues ("question", "needs citation") and search's tag filter look up
-- annotations by tag; without an index each of them scanned every annotation of the group.

-- CreateIndex
CREATE INDEX "annotations_tags_idx" ON "annotations" USING GIN ("tags");
