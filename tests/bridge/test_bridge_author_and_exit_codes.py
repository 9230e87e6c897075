"""Git author fields are refused when `git fast-import` would misread them, and an unexpected error has its own exit code."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from bridge import _config, cli
from bridge._errors import EXIT_INTERNAL, EXIT_USAGE, UsageError


def _config_file(tmp_path: Path, **git: str) -> Path:
    doc = {
        "namespace": "kcp-zheng",
        "git": {"authorName": "kcp-bridge", "authorEmail": "kcp-bridge@example.invalid", **git},
        "targets": [{"shard": "alpha", "cluster": "c", "certificate": "c.pem", "repoURL": "https://git.example.com/r.git",
                     "path": "bridge/c"}],
    }  # fmt: skip
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(doc))
    return path


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("authorName", "kcp-bridge\nreset refs/heads/main", "control characters"),
        ("authorName", "kcp\tbridge", "control characters"),
        ("authorName", "kcp-bridge <root@example.com>", "'<' or '>'"),
        ("authorEmail", "bridge@example.io> 0 +0000", "'<' or '>'"),
        ("authorEmail", "bridge@example.io\x00", "control characters"),
        ("authorEmail", "bridge@example.io\x85", "control characters"),
    ],
)
def test_bridge_config_refuses_author_fields_fast_import_would_misread(tmp_path: Path, field: str, value: str, words: str) -> None:
    with pytest.raises(UsageError) as caught:
        _config.load_config(path=_config_file(tmp_path, **{field: value}))
    message = str(caught.value)
    assert f"git.{field}: " in message and words in message
    assert message.count(": ") == 2, message  # one problem, naming the field


def test_bridge_config_accepts_ordinary_author_fields(tmp_path: Path) -> None:
    config = _config.load_config(path=_config_file(tmp_path, authorName="Zheng Bridge (kcp)", authorEmail="bridge+kcp@example.io"))
    assert (config.git.author_name, config.git.author_email) == ("Zheng Bridge (kcp)", "bridge+kcp@example.io")


def _run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, failure: BaseException) -> tuple[int, str]:
    def broken(**_: object) -> object:
        raise failure

    monkeypatch.setattr(cli, "load_config", broken)
    err = io.StringIO()
    code = cli.main(["run", "--config", str(tmp_path / "config.yaml")], stdout=io.StringIO(), stderr=err)
    return code, err.getvalue()


def test_unexpected_error_exits_with_its_own_code_and_no_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    code, err = _run(monkeypatch, tmp_path, KeyError("s3cr3t-value"))
    assert code == EXIT_INTERNAL == 3
    assert "internal error KeyError" in err and "s3cr3t-value" not in err and "Traceback" not in err


def test_usage_error_keeps_exit_code_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    code, err = _run(monkeypatch, tmp_path, UsageError("configuration file x not found"))
    assert code == EXIT_USAGE == 2 and "configuration file x not found" in err
