// The one permission table. Each permission is an OR of rules, each rule an AND of
// facts about the actor and the resource (as in Hypothesis's server). Visibility
// ("can I see it at all") is enforced separately by the data-access where-builders,
// so a resource outside your reach is a 404 and this table decides only 403s.
export type GroupRole = "owner" | "instructor" | "member";

export type AnnotationFacts = {
  /** The actor wrote the annotation. */
  isAuthor: boolean;
  /** The actor's role in the annotation's group, or null (private annotation, or not a member). */
  role: GroupRole | null;
  /** The annotation is shared with a group (not private). */
  isShared: boolean;
};

type Fact = "author" | "shared" | "member" | "moderator";
type Rule = readonly Fact[];

export const ANNOTATION_PERMISSIONS = {
  "annotation:read": [["author"], ["shared", "member"]],
  "annotation:reply": [["author"], ["shared", "member"]],
  "annotation:react": [["author"], ["shared", "member"]],
  "annotation:edit": [["author"]],
  "annotation:delete": [["author"]],
  "annotation:resolve": [["author"], ["shared", "moderator"]],
  "annotation:flag": [["shared", "member"]],
  "annotation:moderate": [["shared", "moderator"]],
} as const satisfies Record<string, readonly Rule[]>;

export type AnnotationPermission = keyof typeof ANNOTATION_PERMISSIONS;

function holds(fact: Fact, facts: AnnotationFacts): boolean {
  switch (fact) {
    case "author":
      return facts.isAuthor;
    case "shared":
      return facts.isShared;
    case "member":
      return facts.role !== null;
    case "moderator":
      return facts.role === "owner" || facts.role === "instructor";
  }
}

export function canOnAnnotation(permission: AnnotationPermission, facts: AnnotationFacts): boolean {
  const rules: readonly Rule[] = ANNOTATION_PERMISSIONS[permission];
  return rules.some((rule) => rule.every((fact) => holds(fact, facts)));
}

export const GROUP_PERMISSIONS = {
  "group:read": ["owner", "instructor", "member"],
  "group:annotate": ["owner", "instructor", "member"],
  /** Hide and unhide annotations, see flags and the moderation log, remove members. */
  "group:moderate": ["owner", "instructor"],
  /** The review page: participation, heat map and queues; any member's activity; private feedback. */
  "group:review": ["owner", "instructor"],
  /** Edit the tag vocabulary. */
  "group:edit-vocabulary": ["owner", "instructor"],
  /** Settings, roles and invitations. */
  "group:manage": ["owner"],
} as const satisfies Record<string, readonly GroupRole[]>;

export type GroupPermission = keyof typeof GROUP_PERMISSIONS;

export function canInGroup(permission: GroupPermission, role: GroupRole | null): boolean {
  return role !== null && (GROUP_PERMISSIONS[permission] as readonly GroupRole[]).includes(role);
}
