"""Drives the 'java' kernel over the Jupyter protocol with jupyter_client and prints one JSON line.

Measures: kernel start to first kernel_info reply, the first cell, a warm trivial cell (median of
20), and checks that interrupt_request stops a pure-Java loop and the kernel answers afterwards.
Run with Debian's Python: /usr/bin/python3 kernel_session.py  (JUPYTER_PATH must find the spec).
"""
import json
import statistics
import sys
import time

from jupyter_client.manager import KernelManager


def run(client, code, timeout=60):
    """Executes code; returns (seconds, reply status, iopub outputs)."""
    start = time.perf_counter()
    msg_id = client.execute(code)
    outputs = []
    while True:
        msg = client.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
        if kind in ("stream", "execute_result", "display_data", "error"):
            outputs.append({"type": kind, **{k: v for k, v in msg["content"].items() if k != "transient"}})
    while True:
        reply = client.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    return time.perf_counter() - start, reply["content"]["status"], outputs


def main():
    result = {}
    start = time.perf_counter()
    manager = KernelManager(kernel_name="java")
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        result["ready_s"] = round(time.perf_counter() - start, 3)
        first, status, outputs = run(client, "1 + 1")
        result["first_cell_s"] = round(first, 3)
        result["first_cell_ok"] = status == "ok" and outputs[-1]["data"]["text/plain"] == "2"
        warm = [run(client, "2 + 2")[0] for _ in range(20)]
        result["warm_cell_median_s"] = round(statistics.median(warm), 4)
        result["warm_cell_max_s"] = round(max(warm), 4)

        # interrupt only once the cell is seen running (its marker on iopub), never after a fixed delay
        loop_id = client.execute("if (true) { System.out.println(\"cell running\"); long spins = 0;"
                                 " while (true) { spins++; } }")
        seen = False
        deadline = time.perf_counter() + 120
        while not seen:
            msg = client.get_iopub_msg(timeout=max(1.0, deadline - time.perf_counter()))
            if msg["parent_header"].get("msg_id") != loop_id:
                continue
            seen = msg["msg_type"] == "stream" and "cell running" in msg["content"].get("text", "")
        interrupt_at = time.perf_counter()
        manager.interrupt_kernel()
        while True:
            reply = client.get_shell_msg(timeout=60)
            if reply["parent_header"].get("msg_id") == loop_id:
                break
        result["interrupt_s"] = round(time.perf_counter() - interrupt_at, 3)
        result["interrupt_status"] = reply["content"]["status"]
        # on Java 20+ (no Thread.stop) the error output explains that the loop keeps running
        traceback = list(reply["content"].get("traceback", []))
        while True:
            msg = client.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") != loop_id:
                continue
            if msg["msg_type"] == "error":
                traceback += msg["content"].get("traceback", [])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        result["interrupt_note"] = "note: this Java" in "\n".join(traceback)
        result["java"] = client.kernel_info(reply=True)["content"]["language_info"]["version"]
        _, status, outputs = run(client, "\"alive\"")
        result["after_interrupt_ok"] = status == "ok" and outputs[-1]["data"]["text/plain"] == "alive"

        # issue 14: System.exit in a cell fails the cell, and the kernel answers afterwards
        _, status, outputs = run(client, "System.exit(3);")
        errors = [o for o in outputs if o["type"] == "error"]
        result["exit_status"] = status
        result["exit_explained"] = any("ExitInCellException" in "\n".join(e.get("traceback", [])) for e in errors)
        _, status, outputs = run(client, "\"still alive\"")
        result["after_exit_ok"] = status == "ok" and outputs[-1]["data"]["text/plain"] == "still alive"

        # issue 14: 200 000 printed lines still end with the reply and status idle, in few bounded messages
        seconds, status, outputs = run(client, "for (int i = 0; i < 200000; i++) System.out.println(\"line \" + i);",
                                       timeout=300)
        streams = [o for o in outputs if o["type"] == "stream"]
        text = "".join(o["text"] for o in streams)
        result["flood_status"] = status
        result["flood_s"] = round(seconds, 3)
        result["flood_messages"] = len(streams)
        result["flood_bytes"] = len(text)
        result["flood_first_line_ok"] = text.startswith("line 0\n")
        result["flood_note"] = "[stdout truncated: " in text
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=False)
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
