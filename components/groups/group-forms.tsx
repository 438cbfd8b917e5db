"use client";
// Creating a group and joining one with a code.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAsyncAction } from "@/components/use-async-action";
import { groupsClient } from "@/lib/api-client/groups-client";

export function CreateGroupForm() {
  const router = useRouter();
  const { busy, error, run } = useAsyncAction();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          const group = await groupsClient.create({ name, description: description || undefined });
          router.push(`/groups/${group.id}`);
        });
      }}
    >
      <h2 className="card-title">Create a group</h2>
      <div className="field">
        <label htmlFor="group-name">Group name</label>
        <input id="group-name" value={name} onChange={(event) => setName(event.target.value)} maxLength={100} required />
      </div>
      <div className="field">
        <label htmlFor="group-description">Description (optional)</label>
        <input id="group-description" value={description} onChange={(event) => setDescription(event.target.value)} maxLength={1000} />
      </div>
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Creating…" : "Create group"}
      </button>
    </form>
  );
}

export function JoinGroupForm({ initialCode = "" }: { initialCode?: string }) {
  const router = useRouter();
  const { busy, error, run } = useAsyncAction();
  const [code, setCode] = useState(initialCode);
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          const group = await groupsClient.join(code.trim().toUpperCase());
          router.push(`/groups/${group.id}`);
          router.refresh();
        });
      }}
    >
      <h2 className="card-title">Join with a code</h2>
      <div className="field">
        <label htmlFor="invite-code">Invite code</label>
        <input
          id="invite-code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          placeholder="e.g. K7QM2XRP"
          autoCapitalize="characters"
          maxLength={8}
          required
        />
      </div>
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Joining…" : "Join group"}
      </button>
    </form>
  );
}
