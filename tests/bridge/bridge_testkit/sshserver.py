"""A real OpenSSH server on loopback for the SSH deploy-key path (skipped where sshd is not installed)."""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if os.path.exists("/usr/sbin/sshd") else None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SshServer:
    """sshd accepting one client key for the current user; git runs over it with the user's shell."""

    def __init__(self, *, directory: Path):
        directory.mkdir(parents=True, exist_ok=True)
        self.dir = directory
        self.user = getpass.getuser()
        self.port = _free_port()
        for name in ("host", "client", "other-host"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(directory / name)], check=True)
        self.client_key = directory / "client"
        (directory / "authorized_keys").write_text((directory / "client.pub").read_text())
        host_pub = (directory / "host.pub").read_text().split()[:2]
        self.known_hosts = directory / "known_hosts"
        self.known_hosts.write_text(f"[127.0.0.1]:{self.port} {' '.join(host_pub)}\n")
        other_pub = (directory / "other-host.pub").read_text().split()[:2]
        self.wrong_known_hosts = directory / "wrong_known_hosts"
        self.wrong_known_hosts.write_text(f"[127.0.0.1]:{self.port} {' '.join(other_pub)}\n")
        (directory / "sshd_config").write_text(
            f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {directory / 'host'}\nPidFile {directory / 'sshd.pid'}\n"
            f"AuthorizedKeysFile {directory / 'authorized_keys'}\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
            f"PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nStrictModes no\nUsePAM no\nAllowUsers {self.user}\n"
        )
        os.makedirs("/run/sshd", exist_ok=True)
        self._proc = subprocess.Popen(
            [SSHD or "sshd", "-D", "-e", "-f", str(directory / "sshd_config")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self._proc.poll() is not None:
                    break
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("sshd did not start")

    def url(self, repo: Path) -> str:
        return f"ssh://{self.user}@127.0.0.1:{self.port}{repo}"

    def stop(self) -> None:
        if self._proc.poll() is None:
            self._proc.terminate()
            self._proc.wait(timeout=10)
