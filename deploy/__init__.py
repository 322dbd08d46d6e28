"""Serving Logit Lab to a class: HAProxy in front of N servers (serve_class), container and Kubernetes files."""
