"""Editor support: the real yaml-language-server (from npm), started over stdio, reports a mistake in a plan
on the right line, using the modeline the docs describe and the committed schema."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from ..conftest import SCHEMA

VERSION = "1.19.2"  # pinned so that the test checks the same server everywhere
TIMEOUT = 60


@pytest.fixture(scope="session")
def language_server() -> list[str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("Node.js and npm are not installed: the editor test runs the real yaml-language-server")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "openplan-tests" / \
        f"yaml-language-server-{VERSION}"
    server = cache / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
    if not server.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        try:
            completed = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(cache),
                                        f"yaml-language-server@{VERSION}"], capture_output=True, text=True,
                                       timeout=300)
        except subprocess.TimeoutExpired:
            pytest.skip("npm install of yaml-language-server timed out (offline?)")
        if completed.returncode != 0 or not server.is_file():
            pytest.skip(f"npm could not install yaml-language-server (offline?): {completed.stderr[-300:]}")
    return [node, str(server), "--stdio"]


class Client:
    """Just enough of a Language Server Protocol client: framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self, command: list[str], root: Path):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, cwd=root)
        self.messages: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def next(self) -> dict:
        try:
            return self.messages.get(timeout=TIMEOUT)
        except queue.Empty:
            raise AssertionError(f"yaml-language-server said nothing for {TIMEOUT} s") from None

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


def test_yaml_language_server_reports_a_plan_mistake_on_its_line(language_server, tmp_path):
    plan = tmp_path / "plan.yaml"
    modeline = os.path.relpath(SCHEMA / "1.0" / "plan.schema.json", tmp_path).replace(os.sep, "/")
    text = (f"# yaml-language-server: $schema={modeline}\n"
            'openplan: "1.0"\n'
            "id: plan.example\n"
            "title: Example Council Plan 2025/26\n"
            "organisation: org.example\n"
            'period: {start: "2025-04-01", end: "2026-03-31"}\n'
            "edition:\n"
            "  status: aproved\n"  # line 8: not a code of edition-status
            "organisations:\n"
            "  - id: org.example\n"  # line 10: so the organisation has no name ...
            "    nmae: Example Council\n")  # line 11: ... because it is misspelt
    plan.write_text(text, encoding="utf-8")
    diagnostics = _diagnostics(language_server, tmp_path, plan, text)
    by_line = {diagnostic["range"]["start"]["line"] + 1: diagnostic for diagnostic in diagnostics}
    assert sorted(by_line) == [8, 10, 11], diagnostics
    assert '"approved"' in by_line[8]["message"] and by_line[8]["range"]["start"]["character"] == 10
    assert '"name"' in by_line[10]["message"]
    assert "nmae" in by_line[11]["message"]
    assert all(diagnostic["severity"] == 1 for diagnostic in diagnostics)  # errors


def test_the_modeline_openplan_init_writes_resolves_offline(language_server, tmp_path):
    from openplan import init

    folder = tmp_path / "project"
    init.write(folder, init.scaffold({"council": "Example Borough Council", "period": "2025/26"}))
    plan = folder / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=.openplan/schema/1.1/plan.schema.json\n")
    lines = text.splitlines(keepends=True)
    status = next(number for number, line in enumerate(lines) if "status: draft" in line)
    lines[status] = lines[status].replace("status: draft", "status: drafft")
    text = "".join(lines)
    plan.write_text(text, encoding="utf-8")
    # The server is offline (no catalog, no network): only the copy init wrote can give it the schema.
    diagnostics = _diagnostics(language_server, folder, plan, text)
    assert not any("Unable to load schema" in diagnostic["message"] for diagnostic in diagnostics), diagnostics
    assert [diagnostic["range"]["start"]["line"] for diagnostic in diagnostics] == [status], diagnostics
    assert '"draft"' in diagnostics[0]["message"]


def _diagnostics(language_server: list[str], root: Path, plan: Path, text: str) -> list[dict]:
    """Open ``plan`` in the language server, offline, and return the first diagnostics it publishes for it."""
    client = Client(language_server, root)
    try:
        client.send({"id": 1, "method": "initialize", "params": {
            "processId": os.getpid(), "rootUri": root.as_uri(), "workspaceFolders": None,
            "capabilities": {"textDocument": {"publishDiagnostics": {}}, "workspace": {"configuration": True}}}})
        settings = {"validate": True, "schemaStore": {"enable": False}, "schemas": {}}  # offline: no catalog
        while True:
            message = client.next()
            if message.get("id") == 1 and "result" in message:
                break
        client.send({"method": "initialized", "params": {}})
        client.send({"method": "workspace/didChangeConfiguration", "params": {"settings": {"yaml": settings}}})
        client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": plan.as_uri(), "languageId": "yaml", "version": 1, "text": text}}})
        diagnostics = []
        while not diagnostics:
            message = client.next()
            if message.get("method") == "workspace/configuration":
                items = message["params"]["items"]
                client.send({"id": message["id"], "result": [settings if item.get("section") == "yaml" else None
                                                             for item in items]})
            elif message.get("method") == "textDocument/publishDiagnostics" \
                    and message["params"]["uri"] == plan.as_uri():
                diagnostics = message["params"]["diagnostics"]
    finally:
        client.close()
    return diagnostics
