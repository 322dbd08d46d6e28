"""The deployment files pass their validators (haproxy -c, hadolint, kubernetes-validate), the
validators do reject broken files, and the files agree with each other and with the app."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from deploy.hall import COOKIE, TEMPLATE, render_config, replica_env

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
MANIFESTS = sorted((ROOT / "deploy" / "k8s").glob("*.yaml"))
HEALTH = "/_stcore/health"  # Streamlit's health endpoint: HAProxy, Docker and Kubernetes all ask it
APP_PORT = 8501  # the container's port
TOOL_TIMEOUT_S = 120  # one validator run (2 busy cores)
PORTS = [8601, 8602, 8603]  # replica ports for rendered configs
MI_PER_GI = 1024  # memory quantities: Gi to Mi


def _tool(name: str) -> str:
    """A console script installed beside this Python (requirements-dev.txt)."""
    path = Path(sys.executable).parent / name
    assert path.exists(), f"{name} is missing: pip install -r requirements-dev.txt"
    return str(path)


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=TOOL_TIMEOUT_S, cwd=ROOT, **kwargs)


def _haproxy_check(haproxy: str, text: str, tmp_path: Path) -> subprocess.CompletedProcess:
    cfg = tmp_path / "haproxy.cfg"
    cfg.write_text(text)
    env = dict(os.environ, LOGITLAB_BIND="127.0.0.1:8599", LOGITLAB_STATS_SOCKET=str(tmp_path / "stats.sock"))
    return _run([haproxy, "-c", "-f", str(cfg)], env=env)


def test_repo_haproxy_cfg_is_valid_as_it_stands(haproxy, tmp_path):
    result = _haproxy_check(haproxy, TEMPLATE.read_text(), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("replicas", [1, 2, 3])
def test_rendered_haproxy_cfg_is_valid_with_one_sticky_server_per_replica(haproxy, tmp_path, replicas):
    text = render_config(TEMPLATE.read_text(), PORTS[:replicas])
    result = _haproxy_check(haproxy, text, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    servers = [line.split() for line in text.splitlines() if line.strip().startswith("server ")]
    assert servers == [["server", f"r{i}", f"127.0.0.1:{port}", "cookie", f"r{i}"]
                       for i, port in enumerate(PORTS[:replicas], start=1)]


def test_replicas_run_numpy_on_one_blas_thread_unless_told_otherwise():
    bare = replica_env({"PATH": "/usr/bin"})
    assert bare["OPENBLAS_NUM_THREADS"] == bare["OMP_NUM_THREADS"] == bare["MKL_NUM_THREADS"] == "1"
    assert bare["PATH"] == "/usr/bin" and bare["PYTHONPATH"] == str(ROOT)
    assert replica_env({"OPENBLAS_NUM_THREADS": "4"})["OPENBLAS_NUM_THREADS"] == "4"  # an admin's choice stays


def test_haproxy_check_rejects_a_broken_config(haproxy, tmp_path):
    text = TEMPLATE.read_text().replace("balance leastconn", "balance fewest-students")
    assert _haproxy_check(haproxy, text, tmp_path).returncode != 0


def test_haproxy_cfg_sticks_sessions_and_checks_streamlit_health():
    lines = [line.split("#")[0].split() for line in TEMPLATE.read_text().splitlines()]
    directives = {" ".join(words[:2]): words for words in lines if words}
    assert directives["cookie " + COOKIE][2:4] == ["insert", "indirect"]
    assert directives["balance leastconn"]
    assert HEALTH in directives["http-check send"]
    assert directives["timeout tunnel"][2] == "1h"


def test_dockerfile_passes_hadolint():
    result = _run([_tool("hadolint"), str(DOCKERFILE)])
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_hadolint_flags_a_careless_dockerfile(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN pip install streamlit\nCMD python app.py\n")
    result = _run([_tool("hadolint"), str(bad)])
    assert result.returncode != 0
    assert "DL3007" in result.stdout and "DL3025" in result.stdout


def _dockerfile() -> list[list[str]]:
    """Instructions with continuation lines joined: [[INSTRUCTION, arg, …], …]."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    return [line.split() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_container_is_slim_non_root_healthy_and_without_dev_dependencies():
    instructions = _dockerfile()
    text = " ".join(" ".join(words) for words in instructions)
    assert instructions[0][0] == "FROM" and "slim" in instructions[0][1]
    user = [words[1] for words in instructions if words[0] == "USER"]
    assert user and user[-1] not in ("0", "root")
    assert "requirements.txt" in text and "requirements-dev" not in text
    assert any(words[:2] == ["COPY", "core/"] for words in instructions)  # the shipped model is core/assets
    health = next(words for words in instructions if words[0] == "HEALTHCHECK")
    assert any(HEALTH in word for word in health)
    assert ["EXPOSE", str(APP_PORT)] in instructions
    assert any(words[0] == "VOLUME" and "/data" in " ".join(words) for words in instructions)
    assert "LOGITLAB_DATA=/data" in text
    assert "OPENBLAS_NUM_THREADS=1" in text  # one server per container: BLAS threads would spin on other pods' cores


def test_manifests_pass_kubernetes_validate_strict():
    result = _run([_tool("kubernetes-validate"), "--strict", *map(str, MANIFESTS)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("passed") == len(MANIFESTS) == 4


def test_kubernetes_validate_rejects_a_wrong_field(tmp_path):
    bad = tmp_path / "deployment.yaml"
    bad.write_text((ROOT / "deploy/k8s/deployment.yaml").read_text().replace("replicas: 2", "replicas: two"))
    result = _run([_tool("kubernetes-validate"), "--strict", str(bad)])
    assert result.returncode != 0 and "replicas" in result.stdout + result.stderr


def _manifest(kind: str) -> dict:
    docs = [yaml.safe_load(path.read_text()) for path in MANIFESTS]
    return next(doc for doc in docs if doc["kind"] == kind)


def _mebibytes(quantity: str) -> float:
    """A Kubernetes memory quantity in Mi ("384Mi", "1Gi")."""
    if quantity.endswith("Gi"):
        return float(quantity.removesuffix("Gi")) * MI_PER_GI
    return float(quantity.removesuffix("Mi"))


def test_kubernetes_probes_ports_affinity_and_resources_fit_the_app():
    pod = _manifest("Deployment")["spec"]["template"]["spec"]
    container = pod["containers"][0]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == HEALTH
    assert container["ports"][0]["containerPort"] == APP_PORT
    assert {"name": "LOGITLAB_DATA", "value": "/data"} in container["env"]
    resources = container["resources"]
    assert _mebibytes(resources["requests"]["memory"]) < _mebibytes(resources["limits"]["memory"])
    assert pod["securityContext"]["runAsNonRoot"] is True
    notes = _manifest("Ingress")["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/session-cookie-name"] == COOKIE
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    target = _manifest("HorizontalPodAutoscaler")["spec"]["scaleTargetRef"]
    assert target["name"] == _manifest("Deployment")["metadata"]["name"]
    assert _manifest("Service")["spec"]["selector"] == _manifest("Deployment")["spec"]["selector"]["matchLabels"]
