/**
 * Connects the three parties of a live run: the document store (what to simulate), the
 * worker (the simulation) and the simulation store (what the page shows). Mounted once, by
 * the toolbar, which is always on screen.
 */
import { useEffect } from 'react';
import type { Architecture } from '../../model';
import { simulationKey } from './simulationKey';
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';
import { useSimulationStore, type RecoverablePort } from '../../state/simulationStore';
import { SimulationClient } from '../../worker/simulationClient';
import type { FromWorker, Speed } from '../../worker/protocol';

/** Edits are sent after the person pauses for this long (typing a number, dragging a slider). */
const DEBOUNCE_MS = 150;
/** No frame for this long while running means the worker is stuck. */
const WATCHDOG_MS = 5000;

class Bridge implements RecoverablePort {
  private client: SimulationClient | null = null;
  private sentKey = '';
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private unsubscribe: (() => void) | null = null;
  /** When the page was last visible: a hidden tab's timers are throttled, so the watchdog waits. */
  private visibleSince = Date.now();
  private onVisibility = () => {
    if (!document.hidden) this.visibleSince = Date.now();
  };

  start(): void {
    this.connect();
    this.unsubscribe = useDocumentStore.subscribe((state, prev) => {
      if (state.doc !== prev.doc) this.scheduleUpdate();
    });
    this.watchdog = setInterval(() => this.checkAlive(), 1000);
    document.addEventListener('visibilitychange', this.onVisibility);
    useSimulationStore.getState().bindPort(this);
  }

  stop(): void {
    useSimulationStore.getState().bindPort(null);
    this.unsubscribe?.();
    if (this.debounce) clearTimeout(this.debounce);
    if (this.watchdog) clearInterval(this.watchdog);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.client?.dispose();
    this.client = null;
  }

  private connect(): void {
    this.client?.dispose();
    this.client = new SimulationClient({
      onReply: (reply) => this.onReply(reply),
      onCrash: (message) => useSimulationStore.getState().fail(message),
    });
    const doc = useDocumentStore.getState().doc;
    this.sentKey = simulationKey(doc);
    this.client.setSpeed(useSimulationStore.getState().speed);
    this.client.load(doc);
  }

  private onReply(reply: FromWorker): void {
    const { notice } = useSimulationStore.getState().receive(reply);
    if (notice) useEditorStore.getState().showNotice({ kind: 'info', text: notice });
  }

  private scheduleUpdate(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      const doc = useDocumentStore.getState().doc;
      const key = simulationKey(doc);
      if (key === this.sentKey) return;
      this.sentKey = key;
      this.client?.update(doc);
    }, DEBOUNCE_MS);
  }

  private checkAlive(): void {
    const state = useSimulationStore.getState();
    if (document.hidden) return;
    const quietSince = Math.max(state.lastReplyAt, this.visibleSince);
    if (state.status === 'running' && Date.now() - quietSince > WATCHDOG_MS) {
      state.fail('The simulation stopped answering (no update for 5 seconds). Your diagram is safe; reset to start the simulation again.');
    }
  }

  // ---- the port the store calls ----
  load(doc: Architecture): void {
    this.client?.load(doc);
  }
  run(): void {
    this.client?.run();
  }
  pause(): void {
    this.client?.pause();
  }
  step(): void {
    this.client?.step();
  }
  reset(): void {
    this.client?.reset();
  }
  setSpeed(speed: Speed): void {
    this.client?.setSpeed(speed);
  }
  update(doc: Architecture): void {
    this.client?.update(doc);
  }
  injectFault(...args: Parameters<SimulationClient['injectFault']>): void {
    this.client?.injectFault(...args);
  }
  clearFaults(nodeId: string): void {
    this.client?.clearFaults(nodeId);
  }
  requestHistory(): void {
    this.client?.requestHistory();
  }
  dispose(): void {
    this.stop();
  }
  /** A fresh worker with the current document, after a crash or a hang. */
  recover(): void {
    this.connect();
  }
}

let active: { bridge: Bridge; users: number } | null = null;

export function useSimulationBridge(): void {
  useEffect(() => {
    if (!active) {
      const bridge = new Bridge();
      bridge.start();
      active = { bridge, users: 0 };
    }
    active.users += 1;
    return () => {
      if (!active) return;
      active.users -= 1;
      if (active.users === 0) {
        active.bridge.stop();
        active = null;
      }
    };
  }, []);
}
