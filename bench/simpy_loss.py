"""SimPy 4 twin of bench (1), the Lambda loss model: Poisson arrivals at 1,000/s, 200
concurrent executions (a request that finds all busy is throttled, i.e. lost), exponential
150 ms service, one simulated hour. Run by bench/run.ts when `python3 -c "import simpy"`
works; prints requests and throttled as JSON. Times are in ms, as in the sandbox."""
import json
import random
import simpy

RATE_PER_MS = 1000 / 1000.0
SERVERS = 200
MEAN_MS = 150.0
END_MS = 3600 * 1000.0

def main():
    rng = random.Random(1)
    env = simpy.Environment()
    busy = simpy.Resource(env, capacity=SERVERS)
    counts = {"requests": 0, "throttled": 0}

    def invocation():
        with busy.request() as req:
            yield req
            yield env.timeout(rng.expovariate(1.0 / MEAN_MS))

    def arrivals():
        while True:
            yield env.timeout(rng.expovariate(RATE_PER_MS))
            counts["requests"] += 1
            if busy.count >= SERVERS:
                counts["throttled"] += 1
            else:
                env.process(invocation())

    env.process(arrivals())
    env.run(until=END_MS)
    print(json.dumps(counts))

main()
