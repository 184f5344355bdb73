"""Attribution stage: who said what (quotes), which outlets a text credits (citations),
the outlet registry, and stated-vs-observed credit checks."""
