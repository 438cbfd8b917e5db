"use client";
// The group's activity over time (threads and replies per day) as a bar chart, with the
// same numbers in a table for screen readers and anyone who prefers figures.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ReviewDto } from "@/lib/api/review";
import { fillActivityDays } from "@/lib/review/activity-days";

export function ActivityChart({ activity }: { activity: ReviewDto["activity"] }) {
  const days = fillActivityDays(activity);
  if (days.length === 0) return <p className="empty">No activity yet.</p>;
  const total = days.reduce((sum, day) => sum + day.count, 0);
  return (
    <figure className="activity-chart">
      <div aria-hidden="true" className="chart-box">
        <ResponsiveContainer width="100%" height={180}>
          <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -20 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--rule)" />
            <XAxis dataKey="day" tick={{ fontSize: 11, fill: "var(--ink-soft)" }} tickFormatter={(day: string) => day.slice(5)} minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "var(--ink-soft)" }} />
            <Tooltip formatter={(value) => [String(value), "Annotations and replies"]} />
            <Bar dataKey="count" fill="var(--accent)" radius={[3, 3, 0, 0]} maxBarSize={36} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        {total} annotations and replies over {days.length} {days.length === 1 ? "day" : "days"}.
      </figcaption>
      <details>
        <summary>Activity per day as a table</summary>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Annotations and replies</th>
            </tr>
          </thead>
          <tbody>
            {activity.map((day) => (
              <tr key={day.day}>
                <td>{day.day}</td>
                <td>{day.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
