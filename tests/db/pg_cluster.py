#!/usr/bin/env python3
"""A throwaway PostgreSQL cluster for the db tests (the CTest fixture postgres_cluster).

    pg_cluster.py start ROOT    initdb + pg_ctl start; writes ROOT/url.txt and ROOT/state.json
    pg_cluster.py stop ROOT     stops and deletes it (and every ROOT/<sub>/ cluster); fine when
                                nothing runs
    pg_cluster.py halt ROOT     pg_ctl stop -m immediate, the data kept (a server that dies)
    pg_cluster.py resume ROOT   pg_ctl start again, same port, same data

The server listens on 127.0.0.1 only, on a port that was free a moment ago, with one
password-authenticated user `dirigent` (scram-sha-256) owning a database `dirigent`:

    postgresql://dirigent:PASSWORD@127.0.0.1:PORT/dirigent

The data and the Unix socket live in a mkdtemp folder in the system's temp folder, not under
ROOT: a build folder may be unreachable for the `postgres` user, and a socket path longer than
107 bytes cannot be bound. ROOT/state.json says where it is, for stop.

PostgreSQL refuses to run as root: as root, the folder belongs to the `postgres` user and the
server's programs run through `runuser -u postgres --`.

Without PostgreSQL's server programs, start says so in one line, writes no url.txt and exits 0:
each test that needs the cluster then exits 77, which CTest shows as skipped.
"""

import glob
import json
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile

USER = "dirigent"
DATABASE = "dirigent"
SERVER_USER = "postgres"  # the system user Debian's postgresql package makes


def say(text):
    print(f"pg_cluster: {text}", flush=True)


def version_key(path):
    # /usr/lib/postgresql/15/bin -> (15,): the newest major version first
    match = re.search(r"/postgresql/(\d+(?:\.\d+)*)/bin", path)
    return tuple(int(p) for p in match.group(1).split(".")) if match else ()


def find_bindir():
    """The folder with initdb and pg_ctl, or (None, why)."""
    if os.environ.get("DIRIGENT_PG_BINDIR"):
        # Chosen by hand: that one, or none (DIRIGENT_PG_BINDIR=/none tries the skip).
        candidates = [os.environ["DIRIGENT_PG_BINDIR"]]
    else:
        candidates = candidates_found()
    for folder in candidates:
        if all(os.access(os.path.join(folder, p), os.X_OK) for p in ("initdb", "pg_ctl", "postgres")):
            return folder, None
    return None, "no initdb and pg_ctl in " + (", ".join(candidates) or "/usr/lib/postgresql/*/bin or PATH")


def candidates_found():
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        # libpq-dev's pg_config names the server's folder even when no server is installed,
        # so it is only one candidate among others.
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True)
            candidates.append(out.stdout.strip())
        except (OSError, subprocess.CalledProcessError):
            pass
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version_key, reverse=True)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(os.path.dirname(initdb))
    return list(dict.fromkeys(candidates))  # each once, in order


def drop_to(account):
    """The command prefix that runs a program as `account` (a pwd entry), from root."""
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", account.pw_name, "--"]
    setpriv = shutil.which("setpriv")
    if setpriv:
        return [setpriv, f"--reuid={account.pw_uid}", f"--regid={account.pw_gid}", "--init-groups", "--"]
    raise LookupError(f"running as root, and neither runuser nor setpriv is there to become '{account.pw_name}'")


def server_account():
    """(prefix for the server's programs, uid, gid), or raises LookupError when it cannot run."""
    if os.geteuid() != 0:
        return [], None, None
    try:
        account = pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise LookupError(f"running as root, and there is no '{SERVER_USER}' user to run the server as")
    return drop_to(account), account.pw_uid, account.pw_gid


def owner_prefix(state):
    """For a cluster already made: run as whoever owns its data (an earlier run may have been
    someone else's); pg_ctl refuses root."""
    if os.geteuid() != 0:
        return []
    try:
        return drop_to(pwd.getpwuid(os.stat(state["data"]).st_uid))
    except (OSError, KeyError, LookupError):
        return state.get("prefix", [])


def run(command, state, check=True, quiet=False):
    """Runs one of the server's programs (as `postgres` when we are root), in the cluster's folder."""
    full = state["prefix"] + command
    result = subprocess.run(full, cwd=state["folder"], capture_output=True, text=True,
                            stdin=subprocess.DEVNULL, timeout=120)
    if check and result.returncode != 0:
        say(f"failed ({result.returncode}): {' '.join(command)}")
        sys.stdout.write(result.stdout)
        sys.stdout.write(result.stderr)
        print_log(state)
        raise SystemExit(1)
    if not quiet and result.returncode != 0:
        say(f"({result.returncode}) {' '.join(command)}: {result.stderr.strip()}")
    return result


def print_log(state):
    log = os.path.join(state["folder"], "server.log")
    if os.path.exists(log):
        say(f"--- {log} (end) ---")
        with open(log, errors="replace") as f:
            sys.stdout.write("".join(f.readlines()[-40:]))


def free_port():
    # Free a moment ago: another program may take it before the server binds it, so a
    # start that fails is tried again with another port.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def state_path(root):
    return os.path.join(root, "state.json")


def url_path(root):
    return os.path.join(root, "url.txt")


def load_state(root):
    try:
        with open(state_path(root)) as f:
            state = json.load(f)
    except (OSError, ValueError):
        return None
    state["prefix"] = owner_prefix(state)
    return state


def write_atomically(path, text, mode=0o644):
    # A test that reads url.txt never sees half a line.
    temporary = path + ".part"
    with open(temporary, "w") as f:
        f.write(text)
    os.chmod(temporary, mode)
    os.replace(temporary, path)


def pg_ctl(state, *arguments, check=True, quiet=False):
    return run([os.path.join(state["bindir"], "pg_ctl"), "-D", state["data"], *arguments], state, check, quiet)


def server_start(state):
    return pg_ctl(state, "-w", "-t", "60", "-l", os.path.join(state["folder"], "server.log"), "start", check=False)


def stop_one(root):
    """Stops and deletes the cluster ROOT/state.json describes; True unless something is left."""
    state = load_state(root)
    ok = True
    if state:
        if os.path.isdir(state.get("data", "")):
            # immediate: no checkpoint, nothing to keep; a server that is not running is no error
            pg_ctl(state, "-m", "immediate", "-w", "-t", "30", "stop", check=False, quiet=True)
            status = pg_ctl(state, "status", check=False, quiet=True)
            if status.returncode == 0:
                say(f"the server in {state['data']} still runs")
                ok = False
        folder = state.get("folder", "")
        if ok and folder and os.path.basename(folder).startswith("dirigent-pg-"):
            shutil.rmtree(folder, ignore_errors=True)
            if os.path.exists(folder):
                say(f"could not delete {folder}")
                ok = False
        if ok:
            say(f"stopped and deleted {folder}")
    for path in (url_path(root), state_path(root)):
        if ok or path == url_path(root):
            try:
                os.remove(path)
            except FileNotFoundError:
                pass
    return ok


def start(root):
    os.makedirs(root, exist_ok=True)
    # No url.txt from an earlier run may make the tests believe a server runs.
    try:
        os.remove(url_path(root))
    except FileNotFoundError:
        pass
    if load_state(root):
        say("a cluster of an earlier run is left: stopping it first")
        if not stop_one(root):
            return 1

    bindir, why = find_bindir()
    if bindir is None:
        say(f"PostgreSQL not found ({why}): the PostgreSQL tests are skipped")
        return 0
    try:
        prefix, uid, gid = server_account()
    except LookupError as e:
        say(f"PostgreSQL not found (it cannot run here: {e}): the PostgreSQL tests are skipped")
        return 0

    folder = tempfile.mkdtemp(prefix="dirigent-pg-")
    state = {"bindir": bindir, "folder": folder, "data": os.path.join(folder, "data"), "prefix": prefix}
    # Written now, so that a start that dies halfway is still cleaned up by stop.
    write_atomically(state_path(root), json.dumps(state, indent=2) + "\n")
    if uid is not None:
        os.chown(folder, uid, gid)

    password = secrets.token_urlsafe(18)  # letters, digits, - and _: nothing to escape in a URL
    password_file = os.path.join(folder, "password")
    with open(password_file, "w") as f:
        f.write(password + "\n")
    os.chmod(password_file, 0o600)
    if uid is not None:
        os.chown(password_file, uid, gid)

    run([os.path.join(bindir, "initdb"), "-D", state["data"], "-U", USER, f"--pwfile={password_file}",
         "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync"], state)
    os.remove(password_file)

    # Throwaway data: durability only costs time.
    settings = [
        "listen_addresses = '127.0.0.1'",
        f"unix_socket_directories = '{folder}'",
        "max_connections = 30",
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
    ]
    # Our settings in a file of their own, included once: a retry rewrites only that file.
    with open(os.path.join(state["data"], "postgresql.conf"), "a") as f:
        f.write("\ninclude 'dirigent.conf'\n")
    for _ in range(5):
        port = free_port()
        state["port"] = port
        conf = os.path.join(state["data"], "dirigent.conf")
        with open(conf, "w") as f:
            f.write("\n".join(settings + [f"port = {port}"]) + "\n")
        if uid is not None:
            os.chown(conf, uid, gid)
        started = server_start(state)
        if started.returncode == 0:
            break
        say(f"the server did not start on port {port}: {started.stderr.strip()}")
        print_log(state)
        pg_ctl(state, "-m", "immediate", "-w", "-t", "30", "stop", check=False, quiet=True)
    else:
        return 1
    write_atomically(state_path(root), json.dumps(state, indent=2) + "\n")

    environment = dict(os.environ, PGPASSWORD=password, PGCONNECT_TIMEOUT="10")
    created = subprocess.run([os.path.join(bindir, "createdb"), "-h", "127.0.0.1", "-p", str(port),
                              "-U", USER, DATABASE], env=environment, capture_output=True, text=True,
                             stdin=subprocess.DEVNULL, timeout=60)
    if created.returncode != 0:
        say(f"createdb failed: {created.stderr.strip()}")
        print_log(state)
        return 1

    url = f"postgresql://{USER}:{password}@127.0.0.1:{port}/{DATABASE}"
    write_atomically(url_path(root), url + "\n", 0o600)
    version = run([os.path.join(bindir, "postgres"), "--version"], state, check=False, quiet=True).stdout.strip()
    say(f"{version} runs on 127.0.0.1:{port} (data in {state['data']}); URL in {url_path(root)}")
    return 0


def stop(root):
    ok = stop_one(root)
    # Clusters a test started below ROOT (a second server it stops and starts itself).
    if os.path.isdir(root):
        for sub in sorted(os.listdir(root)):
            folder = os.path.join(root, sub)
            if os.path.isfile(state_path(folder)):
                ok = stop_one(folder) and ok
            if os.path.isdir(folder) and not os.listdir(folder):
                os.rmdir(folder)
    if not ok:
        return 1
    say("nothing runs")
    return 0


def halt(root):
    state = load_state(root)
    if not state:
        say(f"no cluster in {root}")
        return 1
    pg_ctl(state, "-m", "immediate", "-w", "-t", "30", "stop")
    say(f"stopped (immediate) on port {state['port']}; data kept")
    return 0


def resume(root):
    state = load_state(root)
    if not state:
        say(f"no cluster in {root}")
        return 1
    started = server_start(state)
    if started.returncode != 0:
        say(f"the server did not start again: {started.stderr.strip()}")
        print_log(state)
        return 1
    say(f"runs again on port {state['port']}")
    return 0


def main(argv):
    commands = {"start": start, "stop": stop, "halt": halt, "resume": resume}
    if len(argv) != 3 or argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[argv[1]](os.path.abspath(argv[2]))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
