import { createContext, useContext } from 'react';
import type { DecisionPolicy } from '../runtime/policy';
import type { CountersignService } from '../runtime/service';
import type { SignatureStore } from '../storage';

export interface AppState {
  service: CountersignService;
  store: SignatureStore;
  /** Name of the teller-chosen operating point, or null for the model's default threshold. */
  operatingPoint: string | null;
  /** Operating point and refer band in force. */
  policy: DecisionPolicy;
  /** Bumped whenever customers or references change, so lists reload. */
  dataVersion: number;
  dataChanged(): void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const s = useContext(AppContext);
  if (!s) throw new Error('useApp outside AppContext');
  return s;
}
