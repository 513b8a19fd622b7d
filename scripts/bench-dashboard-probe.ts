/**
 * Loaded into the app's server by `npm run bench:dashboard` (node --import) so the benchmark can
 * read the server's own RSS, CPU and event-loop delay over the IPC channel the benchmark opened,
 * without changing server/index.ts. It does nothing when the process has no IPC channel.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

if (process.send) {
  let peakRss = process.memoryUsage().rss;
  // How long work waited for the event loop: where the server's share of a delay would show.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250).unref();
  process.on("message", (request: { probe?: "stats"; reset?: boolean }) => {
    if (request.probe !== "stats") return;
    process.send!({
      probe: "stats",
      rss: process.memoryUsage().rss,
      peakRss,
      cpu: process.cpuUsage(),
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      loopDelayMaxMs: loopDelay.max / 1e6,
    });
    if (request.reset) {
      loopDelay.reset();
      peakRss = process.memoryUsage().rss;
    }
  });
  // The IPC channel must not keep a server that was asked to stop alive.
  process.channel?.unref();
}
