import { useMessages } from './messages';

/** All errors and notices, newest last. Errors are role="alert" so screen readers announce them. */
export function MessageArea() {
  const { messages, dismiss } = useMessages();
  return (
    <section className="messages" data-testid="message-area" aria-label="Messages">
      {messages.map((m) => (
        <div
          key={m.id}
          className={`message message-${m.kind}`}
          role={m.kind === 'error' ? 'alert' : 'status'}
          data-testid={`${m.kind}-message`}
        >
          <div className="message-text">
            {m.lines.length === 1 ? (
              m.lines[0]
            ) : (
              <>
                {m.lines[0]}
                <ul>
                  {m.lines.slice(1).map((l, i) => (
                    <li key={i}>{l}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
          <button type="button" className="message-dismiss" aria-label="Dismiss message" onClick={() => dismiss(m.id)}>
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
