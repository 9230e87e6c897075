"""cdk8s app: render the topology in $KCP_TOPOLOGY into $CDK8S_OUTDIR (dist) and $KCP_ARGOCD_OUTDIR (argocd)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kcpgitops.cli import synth

if __name__ == "__main__":
    sys.exit(
        synth(
            topology=Path(os.environ.get("KCP_TOPOLOGY", "topology.yaml")),
            dist=Path(os.environ.get("CDK8S_OUTDIR", "dist")),
            argocd=Path(os.environ.get("KCP_ARGOCD_OUTDIR", "argocd")),
        )
    )
