Kind = "service-intentions"
Name = "billing"
Sources = []
