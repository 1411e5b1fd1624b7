// Query figures on the benchmark index written by bench_10k_pages:
// bytes loaded by a first query, and latency (median, p95) over the queries.
"use strict";

const fs = require("fs");
const path = require("path");
const { createSearch } = require("./harness");

const site = process.argv[2];
const queries = JSON.parse(fs.readFileSync(path.join(site, "queries.json"), "utf8"));

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run() {
  const firstLoads = [];
  const cold = [];
  for (const q of queries) {
    const s = createSearch(site, { mainRealm: true, raw: true });
    const t = process.hrtime.bigint();
    await s.query(q, {});
    cold.push(Number(process.hrtime.bigint() - t) / 1e6);
    firstLoads.push(s.loads.reduce((sum, l) => sum + l.bytes, 0));
  }
  const warm = createSearch(site, { mainRealm: true, raw: true });
  const times = [];
  let total = 0;
  for (const q of queries) {
    const t = process.hrtime.bigint();
    const r = await warm.query(q, {});
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    total += r.total;
  }
  const sortedLoads = firstLoads.slice().sort((a, b) => a - b);
  const sortedCold = cold.slice().sort((a, b) => a - b);
  const sortedWarm = times.slice().sort((a, b) => a - b);
  console.log(`queries: ${queries.length} (e.g. ${JSON.stringify(queries.slice(0, 5))}), mean results ${(total / queries.length).toFixed(0)}`);
  console.log(`first-query bytes loaded: median ${percentile(sortedLoads, 50)}, p95 ${percentile(sortedLoads, 95)}, max ${sortedLoads[sortedLoads.length - 1]}`);
  console.log(`cold query latency ms (fresh page, includes loading): median ${percentile(sortedCold, 50).toFixed(1)}, p95 ${percentile(sortedCold, 95).toFixed(1)}`);
  console.log(`warm query latency ms (same page, files cached): median ${percentile(sortedWarm, 50).toFixed(1)}, p95 ${percentile(sortedWarm, 95).toFixed(1)}`);
}

run().catch((e) => {
  console.error(e);
  process.exit(1);
});
