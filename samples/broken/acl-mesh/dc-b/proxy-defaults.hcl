# Sidecars reach peered services through their local mesh gateway.
Kind = "proxy-defaults"
Name = "global"
MeshGateway {
  Mode = "local"
}
