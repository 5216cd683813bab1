/**
 * The visible part of a node's live badge, one view per node type (a missing type is a type
 * error). NodeLiveBadge.tsx wraps it with the flashes, the ring and the hover text.
 */
import type { ReactElement } from 'react';
import { isNodeType, type NodeType } from '../../model';
import type { ApiGatewayLive, CloudfrontLive, DaxLive, LambdaLive, LiveOf, NodeLive, StepFunctionsLive } from '../../sim/api';
import { formatCount, formatMs, formatPercent, formatRps } from './format';

export type SummaryProps<L extends NodeLive = NodeLive> = { live: L; behind?: string };

function CacheSummary({ live }: SummaryProps<DaxLive | CloudfrontLive>) {
  return (
    <div className="sim-badge-row">
      <span>
        <b>{formatPercent(live.hitRatio)}</b> hits
      </span>
      <span>{formatRps(live.rps)}</span>
    </div>
  );
}

function DefaultSummary({ live, behind }: SummaryProps) {
  return (
    <>
      <div className="sim-badge-row">
        <span>{formatRps(live.rps)}</span>
        <Throttles live={live} />
        {live.errors > 0 && <span className="sim-bad">{formatCount(live.errors)} errors</span>}
      </div>
      {behind && (
        <div className="sim-badge-row">
          <span className="sim-warn sim-throttles sim-badge-wrap">
            {formatCount(live.type === 'apiGateway' ? (live.throttled500 ?? 0) : 0)} {behind}
          </span>
        </div>
      )}
    </>
  );
}

/** API Gateway: its traffic, and with a Lambda authorizer the result cache and the requests it failed. */
function ApiSummary(props: SummaryProps<ApiGatewayLive>) {
  const { live } = props;
  const hits = live.authCacheHits;
  const misses = live.authCacheMisses ?? 0;
  const failed = live.authFailures ?? 0;
  const denied = live.authDenied ?? 0;
  const unauthorized = live.authUnauthorized ?? 0;
  return (
    <>
      <DefaultSummary {...props} />
      {(hits !== undefined || unauthorized > 0) && (
        <div
          className="sim-badge-row"
          data-testid="auth-live"
          title="Authorizer: requests answered from a Lambda authorizer's result cache, misses that invoked it, requests it failed (500) or denied (403), and requests without a token (401)"
        >
          {hits !== undefined && (
            <>
              <span>
                Auth <b>{formatPercent(hits + misses > 0 ? hits / (hits + misses) : 0)}</b> cached
              </span>
              <span>{formatCount(misses)} invoked</span>
            </>
          )}
          {failed > 0 && <span className="sim-bad">{formatCount(failed)} auth 500</span>}
          {denied > 0 && <span className="sim-warn">{formatCount(denied)} denied</span>}
          {unauthorized > 0 && (
            <span className="sim-warn" data-testid="auth-401">
              {formatCount(unauthorized)} no token (401)
            </span>
          )}
        </div>
      )}
    </>
  );
}

/** The badge's visible part, one per node type (a missing type is a type error); each view gets its type's live state. */
export const SUMMARIES: { [T in NodeType]: (props: SummaryProps<LiveOf<T>>) => ReactElement } = {
  client: DefaultSummary,
  cloudfront: ({ live }) => (
    <>
      <CacheSummary live={live} />
      {live.edgeBusy !== undefined && (
        <div className="sim-badge-row" data-testid="edge-live" title="Lambda@Edge: environments busy now, cold starts and 503 throttles so far">
          <span>
            L@E <b>{formatCount(live.edgeBusy)}</b> busy
          </span>
          <span>{formatCount(live.edgeColdStarts ?? 0)} cold</span>
          {(live.edgeThrottled ?? 0) > 0 && <span className="sim-warn">{formatCount(live.edgeThrottled ?? 0)} throttled</span>}
        </div>
      )}
    </>
  ),
  apiGateway: ApiSummary,
  lambda: ({ live }) => <LambdaSummary live={live} />,
  sqs: ({ live }) => (
    <div className="sim-badge-row">
      <span>
        <b>{formatCount(live.queueDepth)}</b> queued
      </span>
      {live.inFlight > 0 && <span>{formatCount(live.inFlight)} in flight</span>}
      {live.toDlq > 0 && <span className="sim-bad">{formatCount(live.toDlq)} → DLQ</span>}
    </div>
  ),
  dynamodb: ({ live }) => (
    <div className="sim-badge-row">
      <span>{formatRps(live.rps)}</span>
      <Throttles live={live} />
      {(live.hotPartitionThrottles ?? 0) > 0 && (
        <span className="sim-warn" title="Requests refused by one partition's ceiling (3,000 RCU / 1,000 WCU a second)">
          {formatCount(live.hotPartitionThrottles ?? 0)} hot partition
        </span>
      )}
      {live.streamRecords > 0 && (
        <span title="Stream records, and the age of the oldest unread one">
          ⇢ {formatCount(live.streamRecords)} · {formatMs(live.iteratorAgeMs ?? 0)}
        </span>
      )}
    </div>
  ),
  dax: CacheSummary,
  kinesis: ({ live }) => (
    <div className="sim-badge-row" data-testid="kinesis-live">
      <span title="Open shards">
        <b>{formatCount(live.shards)}</b> shard{live.shards === 1 ? '' : 's'}
      </span>
      <span>{formatRps(live.rps)}</span>
      <Throttles live={live} />
      {live.iteratorAgeMs !== undefined && <span title="Iterator age: how far behind the slowest consumer reads">⇢ {formatMs(live.iteratorAgeMs)} behind</span>}
    </div>
  ),
  sns: DefaultSummary,
  s3: DefaultSummary,
  eventbridge: DefaultSummary,
  stepFunctions: ({ live }) => <StepFunctionsSummary live={live} />,
  rdsProxy: ({ live }) => (
    <div
      className="sim-badge-row"
      data-testid="rds-proxy-live"
      title="Pooled database connections lent now (to a query or pinned to a session), of the pool's maximum; connections pinned; queries waiting to borrow one"
    >
      <span>
        pool <b>{formatCount(live.poolInUse)}</b> / {formatCount(live.poolMax)}
      </span>
      {live.pinned !== undefined && (
        <span data-testid="rds-proxy-pinned" className={live.pinned > 0 && live.pinned >= live.poolMax ? 'sim-bad' : undefined}>
          {formatCount(live.pinned)} pinned
        </span>
      )}
      <span className={live.waitingBorrows > 0 ? 'sim-warn' : undefined}>{formatCount(live.waitingBorrows)} waiting</span>
      {live.borrowTimeouts > 0 && <span className="sim-bad">{formatCount(live.borrowTimeouts)} timed out</span>}
    </div>
  ),
  rds: ({ live }) => (
    <>
      <div className="sim-badge-row" data-testid="rds-live" title="Connections open now, of max_connections; queries so far">
        <span>
          <b>{formatCount(live.connections)}</b> / {formatCount(live.maxConnections)} conn
        </span>
        <span>{formatCount(live.queries)} queries</span>
      </div>
      {(live.tooManyConnections > 0 || live.failingOver) && (
        <div className="sim-badge-row">
          {live.tooManyConnections > 0 && (
            <span className="sim-bad" data-testid="rds-too-many">
              {formatCount(live.tooManyConnections)} too many connections
            </span>
          )}
          {live.failingOver && (
            <span className="sim-warn" data-testid="rds-failing-over">
              failing over
            </span>
          )}
        </div>
      )}
    </>
  ),
};

export function Summary({ live, behind }: SummaryProps) {
  // SUMMARIES[live.type] is the view for live's own type (TypeScript cannot correlate the two)
  const View = (isNodeType(live.type) ? SUMMARIES[live.type] : DefaultSummary) as (props: SummaryProps) => ReactElement;
  return <View live={live} behind={behind} />;
}

function Throttles({ live }: { live: NodeLive }) {
  if (live.throttles === 0) return null;
  return <span className="sim-warn sim-throttles">{formatCount(live.throttles)} throttled</span>;
}

/**
 * The bar's full width: the limit when use comes near it, otherwise a round number above
 * what is in use, so ten environments of a thousand still read as a bar, not a sliver.
 */
export function barScale(used: number, limit: number): number {
  if (used * 2 >= limit) return limit;
  for (const ceiling of [10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000]) {
    if (ceiling >= used * 1.25) return Math.min(ceiling, limit);
  }
  return limit;
}

function LambdaSummary({ live }: { live: LambdaLive }) {
  const busy = live.busy;
  const idle = live.idleWarm;
  const init = live.initializing;
  const provisioned = live.provisioned;
  const limit = Math.max(1, live.concurrencyLimit);
  const scale = barScale(Math.max(busy + idle + init, provisioned), limit);
  const show = (n: number) => `${Math.min(100, (n / scale) * 100)}%`;
  return (
    <>
      <div className="sim-envs" aria-hidden="true">
        <span className="sim-env-busy" style={{ width: show(busy) }} />
        <span className="sim-env-init" style={{ width: show(init) }} />
        <span className="sim-env-idle" style={{ width: show(idle) }} />
        {provisioned > 0 && <span className="sim-env-prov" style={{ width: show(provisioned) }} />}
        {limit <= scale && <span className="sim-env-limit" title={`limit ${limit}`} />}
      </div>
      <div className="sim-badge-row">
        <span>
          <b>{formatCount(busy)}</b> busy · {formatCount(idle)} warm{init > 0 ? ` · ${formatCount(init)} init` : ''} / {formatCount(limit)}
        </span>
      </div>
      <div className="sim-badge-row">
        <span className="sim-cold">❄ {formatCount(live.coldStarts)} cold</span>
        {provisioned > 0 && <span className="sim-prov">{formatCount(provisioned)} provisioned</span>}
        <Throttles live={live} />
        {live.errors > 0 && <span className="sim-bad">{formatCount(live.errors)} errors</span>}
        {live.recursionStopped > 0 && (
          <span className="sim-bad" data-testid="recursion-stopped">
            {formatCount(live.recursionStopped)} stopped (loop)
          </span>
        )}
      </div>
    </>
  );
}

/** Executions open now, state transitions so far, and throttles (starts refused; transitions that waited). */
function StepFunctionsSummary({ live }: { live: StepFunctionsLive }) {
  const starts = live.startThrottles;
  const waits = live.transitionThrottles;
  return (
    <>
      <div className="sim-badge-row">
        <span data-testid="sfn-running">
          <b>{formatCount(live.executionsRunning)}</b> running
        </span>
        <span data-testid="sfn-transitions">{formatCount(live.transitions)} transitions</span>
      </div>
      {(starts > 0 || waits > 0 || live.errors > 0) && (
        <div className="sim-badge-row">
          {starts > 0 && <span className="sim-warn sim-throttles">{formatCount(starts)} starts throttled</span>}
          {waits > 0 && <span className="sim-warn sim-throttles">{formatCount(waits)} transitions waited</span>}
          {live.errors > 0 && <span className="sim-bad">{formatCount(live.errors)} errors</span>}
        </div>
      )}
    </>
  );
}
