// Next evaluates this file in the task that starts the app, before hydrating. Requiring
// React DOM here makes that task compile it (the costliest part of a first visit), so the
// hydration, which app/layout.tsx starts in a task of its own, does not add to it.
import "react-dom/client";
