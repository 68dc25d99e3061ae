import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { errorLines } from './errorText';

export type MessageKind = 'error' | 'info' | 'success';

export interface Message {
  id: number;
  kind: MessageKind;
  lines: string[];
}

export interface Notifier {
  error(err: unknown): void;
  info(text: string): void;
  success(text: string): void;
  clear(): void;
}

const NotifierContext = createContext<Notifier | null>(null);
const MessagesContext = createContext<{ messages: Message[]; dismiss(id: number): void }>({ messages: [], dismiss: () => undefined });

let nextId = 1;

export function MessagesProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const push = useCallback((kind: MessageKind, lines: string[]) => {
    setMessages((m) => [...m.slice(-4), { id: nextId++, kind, lines }]);
  }, []);
  const notifier = useMemo<Notifier>(
    () => ({
      error: (err) => {
        if (!(err instanceof Error && err.name === 'AbortError')) console.error(err);
        push('error', errorLines(err));
      },
      info: (text) => push('info', [text]),
      success: (text) => push('success', [text]),
      clear: () => setMessages([]),
    }),
    [push],
  );
  const dismiss = useCallback((id: number) => setMessages((m) => m.filter((x) => x.id !== id)), []);
  const view = useMemo(() => ({ messages, dismiss }), [messages, dismiss]);
  return (
    <NotifierContext.Provider value={notifier}>
      <MessagesContext.Provider value={view}>{children}</MessagesContext.Provider>
    </NotifierContext.Provider>
  );
}

export function useNotifier(): Notifier {
  const n = useContext(NotifierContext);
  if (!n) throw new Error('useNotifier outside MessagesProvider');
  return n;
}

export function useMessages() {
  return useContext(MessagesContext);
}
