# retail exports nothing yet; the entry exists so that the plan manages it.
Kind     = "exported-services"
Name     = "retail"
Services = []
