#!/usr/bin/env python3
"""Save -> reload latency of `planblanc serve`: edits one procedure RUNS times and
times each save until the server-sent `reload` event.
Usage: bench/reload_latency.py BINARY SITE_ROOT REL_PATH_UNDER_CONTENT RUNS [serve options]
Edits the text under the front matter; EDIT=title edits the title instead (listings
and editions are then rendered again too)."""
import os, re, socket, statistics, subprocess, sys, time

binary, root, rel, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
proc = subprocess.Popen([binary, "serve", "--port", "0", "--root", root] + sys.argv[5:],
                        stdout=subprocess.PIPE, stderr=open("/tmp/measure_serve.err", "w"), text=True)
try:
    t_start = time.time()
    line = proc.stdout.readline()
    print(f"first build + listen: {time.time() - t_start:.2f} s", flush=True)
    host, port = re.search(r"http://([\d.]+):(\d+)", line).groups()
    s = socket.create_connection((host, int(port)))
    s.sendall(b"GET /__planblanc/events HTTP/1.1\r\nHost: x\r\n\r\n")
    buf = b""
    def wait_for(needle):
        global buf
        while needle not in buf:
            chunk = s.recv(65536)
            if not chunk:
                raise SystemExit("stream closed")
            buf += chunk
        buf = buf[buf.index(needle) + len(needle):]
    wait_for(b"event: hello")
    path = os.path.join(root, "content", rel)
    original = open(path, encoding="utf-8").read()
    times = []
    for i in range(runs):
        time.sleep(1.0)
        if os.environ.get("EDIT") == "title":
            text = original.replace("title: \"", f"title: \"Mesure {i} ", 1)
        else:
            text = original.replace("\n---\n", f"\n---\n\nÉdition de mesure {i}.\n", 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        t0 = time.monotonic()
        wait_for(b"event: reload")
        times.append(time.monotonic() - t0)
        print(f"run {i}: {times[-1] * 1000:.0f} ms", flush=True)
    open(path, "w", encoding="utf-8").write(original)
    print(f"median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}")
finally:
    proc.kill()
    proc.wait()
