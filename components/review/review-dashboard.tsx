"use client";
// The review page's interactive part: queues first (what needs doing), then the heat map
// over the text, participation per member and activity over time. One review object
// feeds every section; `refresh` (after an action here, or on REVIEW_CHANGED_EVENT)
// refetches it so all sections stay in agreement.
import type { ReviewDto } from "@/lib/api/review";
import type { RevisionBlock } from "@/lib/document/revision-content";
import { ExportMenu } from "@/components/export/export-menu";
import { ActivityChart } from "./activity-chart";
import { HeatMapText } from "./heat-map-text";
import { ParticipationTable } from "./participation-table";
import { ReviewQueues } from "./review-queues";
import { useReview } from "./use-review";

type Props = {
  groupId: string;
  initial: ReviewDto;
  document: { id: string; slug: string; text: string; blocks: RevisionBlock[] } | null;
};

export function ReviewDashboard({ groupId, initial, document }: Props) {
  const { review, refresh, refreshError } = useReview(groupId, document?.id ?? null, initial);
  const waiting = Object.values(review.queueTotals).reduce((sum, total) => sum + total, 0);
  return (
    <>
      {refreshError ? (
        <p className="alert error" role="alert">
          {refreshError}
        </p>
      ) : null}
      {document ? (
        <div className="review-tools">
          <ExportMenu documentId={document.id} filter={{ visibility: groupId }} filtered={false} />
        </div>
      ) : null}
      <section className="review-section" aria-labelledby="review-queues">
        <h2 id="review-queues">
          Needs you <span className="count">({waiting})</span>
        </h2>
        <ReviewQueues queues={review.queues} totals={review.queueTotals} onChanged={refresh} />
      </section>
      {document ? (
        <section className="review-section" aria-labelledby="review-heat">
          <h2 id="review-heat">Where the discussion is</h2>
          <HeatMapText groupId={groupId} document={document} segments={review.heatmap} />
        </section>
      ) : null}
      <section className="review-section" aria-labelledby="review-participation">
        <h2 id="review-participation">Participation</h2>
        <ParticipationTable rows={review.participation} groupId={groupId} documentId={document?.id ?? null} />
      </section>
      <section className="review-section" aria-labelledby="review-activity">
        <h2 id="review-activity">Activity over time</h2>
        <ActivityChart activity={review.activity} />
      </section>
    </>
  );
}
