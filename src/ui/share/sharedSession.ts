/**
 * The shared-link session is app state (state/sharedSession.ts); this is the page's start:
 * view mode's key guard first, then the link in the address.
 */
import { startSharing as startSession } from '../../state/sharedSession';
import { installViewModeKeyGuard } from './viewMode';

export {
  backToMyDiagram,
  linkPayload,
  openSharedDocument,
  previousDiagrams,
  reopenPrevious,
  useSharedSession,
  PREVIOUS_KEY,
  SESSION_KEY,
} from '../../state/sharedSession';
export type { PreviousDiagram } from '../../state/sharedSession';

/** Call once before the first render. */
export function startSharing(): void {
  installViewModeKeyGuard();
  startSession();
}
