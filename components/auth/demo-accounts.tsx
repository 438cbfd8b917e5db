// The quick start's demo accounts, shown on the sign-in page so a new visitor can try
// the product at once (never shown in production: MARGINALIA_DEMO is off by default).
type Account = { email: string; name: string; password: string };

export function DemoAccounts({ accounts }: { accounts: Account[] }) {
  return (
    <aside className="card demo-accounts" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title" className="card-title">
        Try the demo
      </h2>
      <p className="field-hint">Each of these accounts can sign in with the password “{accounts[0]?.password}”.</p>
      <ul>
        {accounts.map((account) => (
          <li key={account.email}>
            {account.name}: <code>{account.email}</code>
          </li>
        ))}
      </ul>
    </aside>
  );
}
