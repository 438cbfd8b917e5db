// The permission table as a matrix: every persona against every annotation permission.
import { describe, expect, it } from "vitest";
import { ANNOTATION_PERMISSIONS, GROUP_PERMISSIONS, canInGroup, type GroupPermission, type GroupRole, canOnAnnotation, type AnnotationFacts, type AnnotationPermission } from "@/lib/permissions/permission-table";

const personas: Record<string, AnnotationFacts> = {
  "author of a shared annotation": { isAuthor: true, isShared: true, role: "member" },
  "member, not the author": { isAuthor: false, isShared: true, role: "member" },
  "instructor, not the author": { isAuthor: false, isShared: true, role: "instructor" },
  "owner, not the author": { isAuthor: false, isShared: true, role: "owner" },
  "author who left the group": { isAuthor: true, isShared: true, role: null },
  "non-member": { isAuthor: false, isShared: true, role: null },
  "author of a private annotation": { isAuthor: true, isShared: false, role: null },
  "someone else, private annotation": { isAuthor: false, isShared: false, role: null },
};

const Y = true;
const N = false;
// read, reply, react, edit, delete, resolve, flag, moderate (hide/unhide)
const expected: Record<string, boolean[]> = {
  "author of a shared annotation": [Y, Y, Y, Y, Y, Y, Y, N],
  "member, not the author": [Y, Y, Y, N, N, N, Y, N],
  "instructor, not the author": [Y, Y, Y, N, N, Y, Y, Y],
  "owner, not the author": [Y, Y, Y, N, N, Y, Y, Y],
  "author who left the group": [Y, Y, Y, Y, Y, Y, N, N],
  "non-member": [N, N, N, N, N, N, N, N],
  "author of a private annotation": [Y, Y, Y, Y, Y, Y, N, N],
  "someone else, private annotation": [N, N, N, N, N, N, N, N],
};
const permissions: AnnotationPermission[] = [
  "annotation:read",
  "annotation:reply",
  "annotation:react",
  "annotation:edit",
  "annotation:delete",
  "annotation:resolve",
  "annotation:flag",
  "annotation:moderate",
];

describe("annotation permission matrix", () => {
  it("covers every permission in the table", () => {
    expect(Object.keys(ANNOTATION_PERMISSIONS).sort()).toEqual([...permissions].sort());
  });

  for (const [persona, facts] of Object.entries(personas)) {
    permissions.forEach((permission, column) => {
      const allowed = expected[persona]![column]!;
      it(`${persona} ${allowed ? "may" : "may not"} ${permission.split(":")[1]}`, () => {
        expect(canOnAnnotation(permission, facts)).toBe(allowed);
      });
    });
  }
});

describe("group permissions", () => {
  it("lets every member annotate and only owners and instructors moderate", () => {
    expect(canInGroup("group:annotate", "member")).toBe(true);
    expect(canInGroup("group:annotate", null)).toBe(false);
    expect(canInGroup("group:moderate", "member")).toBe(false);
    expect(canInGroup("group:moderate", "instructor")).toBe(true);
    expect(canInGroup("group:moderate", "owner")).toBe(true);
    expect(canInGroup("group:manage", "instructor")).toBe(false);
    expect(canInGroup("group:manage", "owner")).toBe(true);
    expect(canInGroup("group:edit-vocabulary", "instructor")).toBe(true);
    expect(canInGroup("group:edit-vocabulary", "member")).toBe(false);
  });
});

describe("group permission matrix", () => {
  const roles: Array<GroupRole | null> = ["owner", "instructor", "member", null];
  // owner, instructor, member, non-member
  const expectedByPermission: Record<GroupPermission, boolean[]> = {
    "group:read": [true, true, true, false],
    "group:annotate": [true, true, true, false],
    "group:moderate": [true, true, false, false],
    "group:review": [true, true, false, false],
    "group:edit-vocabulary": [true, true, false, false],
    "group:manage": [true, false, false, false],
  };

  it("covers every group permission", () => {
    expect(Object.keys(GROUP_PERMISSIONS).sort()).toEqual(Object.keys(expectedByPermission).sort());
  });

  for (const [permission, expected] of Object.entries(expectedByPermission) as Array<[GroupPermission, boolean[]]>) {
    roles.forEach((role, column) => {
      it(`${role ?? "a non-member"} ${expected[column] ? "may" : "may not"} ${permission.split(":")[1]}`, () => {
        expect(canInGroup(permission, role)).toBe(expected[column]);
      });
    });
  }
});
