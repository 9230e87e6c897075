"""Error types whose messages are safe to print: they never carry secret material."""

from __future__ import annotations

import kubeapi

EXIT_OK = 0
EXIT_TARGET_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
"""An unexpected error (a bug, or input the bridge does not foresee): distinct from 2 so alerts can tell them apart."""


class BridgeError(Exception):
    """Base error; its message is written for operators and holds no secret values."""


class UsageError(BridgeError):
    """Bad command line, configuration or credential files (exit code 2)."""


class CertificateError(BridgeError):
    """A sealing certificate is missing, malformed, not RSA, expired or not yet valid."""


class ApiError(BridgeError, kubeapi.ApiError):
    """The Kubernetes API answered with an error or could not be reached."""


class BundleError(BridgeError):
    """The bundle Secret or one of its objects is malformed."""


class InputError(BridgeError):
    """The Secret given to `seal` is not a valid Secret."""


class GitError(BridgeError):
    """A git operation failed."""


def describe_unexpected(exc: BaseException) -> str:
    """Name an unexpected exception by type and location only, since its text may hold data."""
    tb = exc.__traceback__
    where = ""
    while tb is not None:
        where = f"{tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}"
        tb = tb.tb_next
    return f"internal error {type(exc).__name__} at {where or 'unknown location'} (details withheld)"
