# L7 intentions (auth-intentions.hcl) need an HTTP protocol on the destination.
Kind     = "service-defaults"
Name     = "auth"
Protocol = "http"
