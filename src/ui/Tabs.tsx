export type TabId = 'enroll' | 'verify' | 'customers' | 'audit' | 'demo' | 'settings';

const TABS: { id: TabId; label: string }[] = [
  { id: 'enroll', label: 'Enroll' },
  { id: 'verify', label: 'Verify' },
  { id: 'customers', label: 'Customers' },
  { id: 'audit', label: 'Audit log' },
  { id: 'demo', label: 'Demo' },
  { id: 'settings', label: 'Settings' },
];

export function Tabs({ active, onChange, disabled }: { active: TabId; onChange(t: TabId): void; disabled?: (t: TabId) => boolean }) {
  return (
    <nav className="tabs" role="tablist" aria-label="Sections">
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={active === t.id}
          aria-controls="tab-panel"
          className={active === t.id ? 'active' : ''}
          disabled={disabled?.(t.id)}
          data-testid={`tab-${t.id}`}
          onClick={() => onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </nav>
  );
}
