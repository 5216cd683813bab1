import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NodeLive } from '../../sim/api';
import { useSimulationStore } from '../../state/simulationStore';
import { BADGE_REFRESH_MS, mirrorLiveNodes, useLiveNodes } from './useThrottledSimulation';

const live = (requests: number) => ({ type: 'client', requests, rps: requests, status: 'ok' }) as unknown as NodeLive;
const nodesAt = (requests: number) => Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((id) => [id, live(requests)]));
const shownRequests = () => Object.values(useLiveNodes.getState().nodes).map((n) => n.requests);

describe('the cards’ copy of the live numbers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows a new run at once, then applies each refresh in three parts a frame apart', () => {
    mirrorLiveNodes();
    const first = nodesAt(1);
    useSimulationStore.setState({ status: 'running', runId: 41, nodes: first });
    // A change of status or run: every card at once, the store's own object.
    expect(useLiveNodes.getState().nodes).toBe(first);
    expect(useLiveNodes.getState().active).toBe(true);

    const second = nodesAt(2);
    useSimulationStore.setState({ nodes: second });
    expect(shownRequests()).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    vi.advanceTimersByTime(BADGE_REFRESH_MS);
    expect(shownRequests()).toEqual([2, 2, 2, 1, 1, 1, 1, 1, 1]);
    // Cards not in the part keep the very object they showed: their selectors see no change.
    expect(useLiveNodes.getState().nodes.i).toBe(first.i);
    vi.advanceTimersByTime(17);
    expect(shownRequests()).toEqual([2, 2, 2, 2, 2, 2, 1, 1, 1]);
    vi.advanceTimersByTime(17);
    expect(useLiveNodes.getState().nodes).toBe(second);

    // A stop in the middle of a refresh shows everything at once, and the parts left do not undo it.
    useSimulationStore.setState({ nodes: nodesAt(3) });
    // At most four refreshes a second, counted from the last one.
    vi.advanceTimersByTime(BADGE_REFRESH_MS - 35);
    expect(shownRequests()).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2]);
    vi.advanceTimersByTime(1);
    expect(shownRequests()).toEqual([3, 3, 3, 2, 2, 2, 2, 2, 2]);
    const last = nodesAt(4);
    useSimulationStore.setState({ status: 'paused', nodes: last });
    expect(useLiveNodes.getState().nodes).toBe(last);
    vi.advanceTimersByTime(100);
    expect(useLiveNodes.getState().nodes).toBe(last);
  });
});
