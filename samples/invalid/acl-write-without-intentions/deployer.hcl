# Token of the deployment pipeline, which also writes service-intentions
# entries: policy "write" alone only derives intentions "read".
mesh = "write"
service_prefix "" {
  policy = "write"
}
node_prefix "" {
  policy = "read"
}
