"""A class on a JupyterHub, end to end on this machine (127.0.0.1 only):

JupyterHub (pip) with its proxy configurable-http-proxy (npm, ./node_modules) starts; a trainee's
server starts through the hub's REST API; the trainee opens the course's nbgitpuller link (made by
``tools/nbgitpuller_link.py``), the hub redirects it to their server, nbgitpuller clones the
course (a local copy of this repository's files) into their home; the welcome lab from that
copy then runs cell by cell in a kernel of their server, through the server's REST and kernel
websocket API, the way JupyterLab runs it; the trainee's work folder is in their own home
(``MUNICIPAL_LAB_WORK_DIR=~/my_work``, as the trainer page configures it).

Why the REST route and not ``jupyter nbconvert --execute`` on the server side: it proves what a
trainee's browser needs (the proxy routes HTTP and websockets to the right server, the server
authenticates the hub's token, a kernel starts in the pulled copy) and it is fast enough here
(the kernel start is the slow part either way).

Everything is stopped at the end: the user's server through the API, then the hub (which stops
its proxy); any process left is ended by its own id.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import websocket

from tools.course import ROOT, notebooks
from tools.course_zip import course_files
from tools.nbgitpuller_link import build_link, repo_folder

pytestmark = pytest.mark.hub

BIN = Path(sys.executable).parent
CHP = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
USER = "trainee"
START_LAB = "notebooks/00_welcome.ipynb"
GIT_ID = ["-c", "user.name=Course author", "-c", "user.email=author@example.org", "-c", "commit.gpgsign=false"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what: str, check, timeout: float, proc: subprocess.Popen | None = None, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"{what}: the hub exited with code {proc.returncode}\n{_tail(log)}")
        result = check()
        if result:
            return result
        time.sleep(0.25)
    pytest.fail(f"{what}: not within {timeout:.0f} s\n{_tail(log)}")


def _tail(log: Path | None) -> str:
    return log.read_text(errors="replace")[-4000:] if log and log.exists() else ""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except (ProcessLookupError, PermissionError):
        return False


class Hub:
    def __init__(self, base: str, token: str, homes: Path, log: Path, proc: subprocess.Popen):
        self.base, self.homes, self.log, self.proc = base, homes, log, proc
        self.service = requests.Session()
        self.service.headers["Authorization"] = f"token {token}"
        self.server_pids: set[int] = set()

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        return self.service.request(method, f"{self.base}hub/api/{path}", timeout=30, **kwargs)


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    assert CHP.exists(), "configurable-http-proxy is missing: `make test` installs it (npm ci, see package.json)"
    assert shutil.which("node"), "Node.js is needed for configurable-http-proxy"
    work = tmp_path_factory.mktemp("hub")
    homes = work / "home"
    port, hub_port, api_port = free_port(), free_port(), free_port()
    token = secrets.token_hex(32)
    settings = {
        "JupyterHub.bind_url": f"http://127.0.0.1:{port}",
        "JupyterHub.hub_bind_url": f"http://127.0.0.1:{hub_port}",
        "JupyterHub.db_url": f"sqlite:///{work / 'jupyterhub.sqlite'}",
        "JupyterHub.cookie_secret_file": str(work / "jupyterhub_cookie_secret"),
        "JupyterHub.authenticator_class": "dummy",
        "Authenticator.allow_all": True,
        "JupyterHub.spawner_class": "jupyterhub.spawner.SimpleLocalProcessSpawner",
        "SimpleLocalProcessSpawner.home_dir_template": str(homes / "{username}"),
        "Spawner.cmd": [str(BIN / "jupyterhub-singleuser")],
        "Spawner.args": ["--allow-root"] if os.geteuid() == 0 else [],
        "Spawner.ip": "127.0.0.1",
        "Spawner.default_url": "/lab",
        "Spawner.start_timeout": 60,
        "Spawner.http_timeout": 60,
        # what book/jupyterhub.md sets: each trainee's work in their own home
        "Spawner.environment": {"MUNICIPAL_LAB_WORK_DIR": "~/my_work",
                                "MUNICIPAL_LAB_TODAY": os.environ.get("MUNICIPAL_LAB_TODAY", "2026-06-01")},
        "ConfigurableHTTPProxy.command": [str(CHP)],
        "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{api_port}",
        "ConfigurableHTTPProxy.pid_file": str(work / "proxy.pid"),
        "JupyterHub.cleanup_servers": True,
        "JupyterHub.cleanup_proxy": True,
        "JupyterHub.services": [{"name": "smoke-test", "api_token": token}],
        "JupyterHub.load_roles": [{
            "name": "smoke-test",
            "scopes": ["admin:users", "admin:servers", "admin:server_state", "tokens"],
            "services": ["smoke-test"],
        }],
    }
    config = work / "jupyterhub_config.py"
    config.write_text("".join(f"c.{key} = {value!r}\n" for key, value in settings.items()))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "JPY_", "CONFIGPROXY_"))}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    log = work / "hub.log"
    with log.open("w") as out:
        proc = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(config)], cwd=work, env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    the_hub = Hub(f"http://127.0.0.1:{port}/", token, homes, log, proc)
    try:
        def up():
            try:
                return the_hub.api("GET", "").status_code == 200
            except requests.ConnectionError:
                return False
        wait_for("the hub answering through its proxy", up, 45, proc, log)
        yield the_hub
    finally:
        _stop(the_hub)


def _stop(the_hub: Hub) -> None:
    proc = the_hub.proc
    try:
        if proc.poll() is None:
            the_hub.api("DELETE", f"users/{USER}/server")
    except requests.RequestException:
        pass
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # the hub stops its servers (cleanup_servers) and its proxy
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    for pid in the_hub.server_pids:  # a user server the hub failed to stop: end it by its id
        if _alive(pid):
            os.kill(pid, signal.SIGTERM)
    try:
        os.killpg(proc.pid, signal.SIGTERM)  # the proxy, if the hub left it (same process group)
    except (ProcessLookupError, PermissionError):
        pass


@pytest.fixture(scope="module")
def upstream(tmp_path_factory) -> str:
    """The course as a git repository the hub can clone: this checkout's course files, one commit."""
    base = tmp_path_factory.mktemp("upstream")
    author = base / "municipal-partnership-lab"
    for rel in course_files(ROOT):
        target = author / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Course"]):
        subprocess.run(["git", *GIT_ID, *args], cwd=author, check=True, capture_output=True, timeout=120)
    bare = base / "municipal-partnership-lab.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(author), str(bare)], check=True, capture_output=True,
                   timeout=120)
    return bare.as_uri().removesuffix(".git")  # a URL without ".git": the folder is named like the course


def execute(base: str, token: str, kernel_id: str, code: str, timeout: float = 60) -> tuple[str, list[str], str]:
    """Run code in a kernel through the server's websocket; return (status, errors, stdout)."""
    ws_url = base.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}"
    conn = websocket.create_connection(ws_url, header=[f"Authorization: token {token}"], timeout=timeout)
    try:
        msg_id = uuid.uuid4().hex
        conn.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": USER,
                       "session": uuid.uuid4().hex, "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        status, errors, stdout, idle = None, [], [], False
        deadline = time.monotonic() + timeout
        while (status is None or not idle) and time.monotonic() < deadline:
            msg = json.loads(conn.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "execute_reply":
                status = msg["content"]["status"]
            elif kind == "error":
                errors.append(f"{msg['content']['ename']}: {msg['content']['evalue']}")
            elif kind == "stream" and msg["content"]["name"] == "stdout":
                stdout.append(msg["content"]["text"])
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
        assert status is not None and idle, f"no reply within {timeout} s for:\n{code}"
        return status, errors, "".join(stdout)
    finally:
        conn.close()


def test_a_trainee_gets_the_course_through_the_link_and_runs_the_welcome_lab(hub, upstream):
    started = time.monotonic()
    # The trainer makes the class link with the course's tool.
    link = build_link(hub.base, upstream, "main", START_LAB)
    params = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    folder = repo_folder(upstream)
    assert params["urlpath"] == f"lab/tree/{folder}/{START_LAB}"

    # A trainee account, a token of the trainee's own (what their browser's login gives them).
    assert hub.api("POST", f"users/{USER}").status_code in (201, 409)
    made = hub.api("POST", f"users/{USER}/tokens", json={"note": "smoke test", "expires_in": 600})
    assert made.status_code in (200, 201), made.text
    trainee = requests.Session()
    trainee.headers["Authorization"] = f"token {made.json()['token']}"

    # The server starts through the hub's REST API.
    assert hub.api("POST", f"users/{USER}/server").status_code in (201, 202)

    def ready():
        model = hub.api("GET", f"users/{USER}").json()
        server = model.get("servers", {}).get("", {})
        if server.get("state", {}).get("pid"):
            hub.server_pids.add(server["state"]["pid"])
        return server if server.get("ready") else None
    server = wait_for("the trainee's server", ready, 60, hub.proc, hub.log)
    user_base = hub.base.rstrip("/") + server["url"]  # http://127.0.0.1:<port>/user/trainee/

    # The trainee logs in (a browser: cookies) and opens the link: the hub sends them to their own
    # server's git-pull page (after the server's OAuth hand-shake with the hub).
    browser = requests.Session()
    login = browser.get(f"{hub.base}hub/login", timeout=30)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', login.text)
    form = {"username": USER, "password": "any"} | ({"_xsrf": xsrf.group(1)} if xsrf else {})
    logged_in = browser.post(f"{hub.base}hub/login", data=form, allow_redirects=False, timeout=30)
    assert logged_in.status_code in (302, 303), logged_in.text[:500]
    # (The hub's redirect goes through its spawn page, which sees the server running and sends the
    # trainee on; a server that is not running would be started there.)
    page = browser.get(link, timeout=60)
    assert page.status_code == 200, page.text[:500]
    final = urlsplit(page.url)
    assert final.path == f"/user/{USER}/git-pull"
    assert {k: v[0] for k, v in parse_qs(final.query).items()} == params
    assert "git-pull" in page.text

    # The page's script then calls nbgitpuller's API (an event stream) to clone the course.
    pulled = trainee.get(f"{user_base}git-pull/api", params={"repo": params["repo"], "branch": params["branch"]},
                         stream=True, timeout=90)
    assert pulled.status_code == 200
    phases = []
    for line in pulled.iter_lines(decode_unicode=True):
        if line and line.startswith("data:"):
            event = json.loads(line.removeprefix("data:"))
            phases.append(event.get("phase"))
            assert event.get("phase") != "error", event
            if event.get("phase") == "finished":
                break
    pulled.close()
    assert phases and phases[-1] == "finished", phases
    home = hub.homes / USER
    pulled_lab = home / folder / START_LAB
    assert pulled_lab.is_file()
    assert {nb.relative_to(ROOT).as_posix() for nb in notebooks()} <= {
        p.relative_to(home / folder).as_posix() for p in (home / folder / "notebooks").glob("*.ipynb")}

    # The file the link opens is there, for JupyterLab, through the server's contents API.
    opened = trainee.get(f"{user_base}api/contents/{folder}/{START_LAB}", params={"content": "1"}, timeout=30)
    assert opened.status_code == 200
    cells = [c for c in opened.json()["content"]["cells"] if c["cell_type"] == "code"]
    assert cells

    # JupyterLab opens the lab: a session (a kernel started in the lab's folder); run every cell.
    session = trainee.post(f"{user_base}api/sessions", timeout=60, json={
        "path": f"{folder}/{START_LAB}", "name": Path(START_LAB).name, "type": "notebook",
        "kernel": {"name": "python3"}})
    assert session.status_code == 201, session.text
    kernel_id = session.json()["kernel"]["id"]
    token = trainee.headers["Authorization"].split()[1]
    for number, code_cell in enumerate(cells, 1):
        status, errors, _ = execute(user_base, token, kernel_id, "".join(code_cell["source"]))
        assert (status, errors) == ("ok", []), f"cell {number} failed: {errors}"

    # The kernel runs in the pulled copy; the trainee's work folder is in their own home.
    status, errors, out = execute(user_base, token, kernel_id, (
        "import json, os, exercises\nfrom exercises.core import store\n"
        "print(json.dumps({'cwd': os.getcwd(), 'work_dir': str(store.work_dir()), 'pid': os.getpid()}))"))
    assert (status, errors) == ("ok", [])
    facts = json.loads(out.strip().splitlines()[-1])
    assert Path(facts["cwd"]) == pulled_lab.parent
    assert Path(facts["work_dir"]) == home / "my_work"

    assert trainee.delete(f"{user_base}api/sessions/{session.json()['id']}", timeout=30).status_code == 204
    assert not _alive(facts["pid"]) or wait_for("the kernel to stop", lambda: not _alive(facts["pid"]), 15)

    # The server stops through the API.
    assert hub.api("DELETE", f"users/{USER}/server").status_code in (202, 204)
    wait_for("the trainee's server to stop",
             lambda: not hub.api("GET", f"users/{USER}").json().get("servers"), 30, hub.proc, hub.log)
    assert time.monotonic() - started < 90
