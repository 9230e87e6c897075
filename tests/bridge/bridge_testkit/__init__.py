"""Test doubles for the bridge: PKI, a fake Kubernetes API, a Git HTTPS server, kcp-operator bundles."""
