# Scalar rules take a string; rule blocks take one level.
operator {
  policy = "read"
}
service "api" {
  policy = ["read", "write"]
}
