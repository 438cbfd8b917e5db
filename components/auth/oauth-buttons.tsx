// "Continue with GitHub/Google", shown only for providers the server has configured.
type Provider = "github" | "google";
const LABELS: Record<Provider, string> = { github: "Continue with GitHub", google: "Continue with Google" };

export function OAuthButtons({ providers, action }: { providers: Provider[]; action: (form: FormData) => Promise<void> }) {
  if (providers.length === 0) return null;
  return (
    <>
      <div className="divider">or</div>
      {providers.map((provider) => (
        <form key={provider} action={action} style={{ marginBottom: "0.5rem" }}>
          <input type="hidden" name="provider" value={provider} />
          <button type="submit" className="button secondary block">
            {LABELS[provider]}
          </button>
        </form>
      ))}
    </>
  );
}
