"""Generated documentation of a render: provenance READMEs, `.gitattributes`, the DNS plan and a Mermaid picture."""

from ._bridge_path import bridge_placeholders
from ._declared import UserSecret, user_created_secrets
from ._dns import DnsRecord, dns_plan, parse_dns_plan
from ._mermaid import topology_diagram
from ._readme import GITATTRIBUTES, generated_files, generator_version, topology_source

__all__ = [
    "GITATTRIBUTES",
    "DnsRecord",
    "UserSecret",
    "bridge_placeholders",
    "dns_plan",
    "generated_files",
    "generator_version",
    "parse_dns_plan",
    "topology_diagram",
    "topology_source",
    "user_created_secrets",
]
