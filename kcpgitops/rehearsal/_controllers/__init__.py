"""Stand-ins for the in-cluster controllers the rehearsal needs: cert-manager, Sealed Secrets, etcd-druid, kcp-operator,
and the kubelet with the cloud's load balancers. Each implements `_world.Controller` and acts only through the API."""
