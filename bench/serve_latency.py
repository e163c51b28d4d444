#!/usr/bin/env python3
"""Save-to-reload latency of `jixiao serve` (issue 6).

Starts `jixiao serve --port 0` on a corpus made by `jixiao-bench generate`, listens on the
live-reload stream, then N times edits one report (a different figure each time, rewriting the
file as an editor does) and measures the time from the write to the `reload` event.

    python3 bench/serve_latency.py target/release/jixiao /dev/shm/you-1k 20

Events still queued from an earlier edit are dropped before each write, so every figure is the
latency of its own save. Prints median, p90, min and max, and the server's rebuild lines (stage
times in ms). With SERVE_LOG=FILE, everything the server printed goes to FILE.
"""
import os, re, socket, statistics, subprocess, sys, threading, time, queue

exe, root, n = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 20
out = root.rstrip("/") + "-serve-out"
proc = subprocess.Popen([exe, "--lang", "en", "serve", "--port", "0", "--root", root, "--output", out],
                        stderr=subprocess.PIPE, text=True)
addr, lines = None, []
t0 = time.time()
for line in proc.stderr:
    lines.append(line)
    m = re.search(r" at http://([0-9.]+):(\d+)/", line)
    if m:
        addr = (m.group(1), int(m.group(2)))
        break
print(f"first build and start: {time.time() - t0:.1f} s", file=sys.stderr)
rebuild_lines = queue.Queue()
threading.Thread(target=lambda: [rebuild_lines.put(l) for l in proc.stderr], daemon=True).start()

events = queue.Queue()
def listen():
    s = socket.create_connection(addr)
    s.sendall(b"GET /__jixiao/events HTTP/1.1\r\nHost: x\r\n\r\n")
    buf = b""
    while True:
        data = s.recv(4096)
        if not data:
            return
        buf += data
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            if line.startswith(b"event: "):
                events.put((time.perf_counter(), line[7:].decode()))
threading.Thread(target=listen, daemon=True).start()
time.sleep(0.5)

report = None
for d in sorted(os.listdir(os.path.join(root, "content"))):
    p = os.path.join(root, "content", d, "2020.yaml")
    if os.path.exists(p):
        report = p
        break
text = open(report, encoding="utf-8").read()
m = re.search(r"executed: (\d+\.\d\d)", text)
latencies = []
for i in range(n):
    new = text.replace(m.group(0), f"executed: {float(m.group(1)) + 0.01 * (i + 1):.2f}", 1)
    while not events.empty():
        events.get()
    t = time.perf_counter()
    with open(report, "w", encoding="utf-8") as f:
        f.write(new)
    while True:
        when, kind = events.get(timeout=60)
        if kind in ("reload", "errors"):
            break
    latencies.append((when - t) * 1000)
    time.sleep(0.3)
open(report, "w", encoding="utf-8").write(text)
proc.send_signal(2)
proc.wait(timeout=30)
log = []
while not rebuild_lines.empty():
    log.append(rebuild_lines.get())
print("".join(l for l in log if "rebuild" in l)[-2000:], file=sys.stderr)
if os.environ.get("SERVE_LOG"):
    open(os.environ["SERVE_LOG"], "w").write("".join(log))
lat = sorted(latencies)
p90 = lat[min(len(lat) - 1, int(round(0.9 * (len(lat) - 1))))]
print(f"{n} edits of {report}: median {statistics.median(lat):.1f} ms, p90 {p90:.1f}, min {lat[0]:.1f}, max {lat[-1]:.1f}")
